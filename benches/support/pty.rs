//! A release binary in a pseudo-terminal, for benchmarks: its output arrives
//! with the time it came, so a frame counts as drawn when its text reaches the
//! terminal, as a user would see it. Peak memory is the child's VmHWM (Linux).

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::path::Path;
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

const WAIT: Duration = Duration::from_secs(30);

/// A running binary in a pseudo-terminal, its output arriving with the time it came.
pub struct Pty {
    _master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    output: Receiver<(Instant, Vec<u8>)>,
    screen: vt100::Parser,
    pub started: Instant,
}

impl Pty {
    pub fn spawn(program: &Path, args: &[&str], data: &Path, size: (u16, u16)) -> Pty {
        let pair = native_pty_system()
            .openpty(PtySize { cols: size.0, rows: size.1, pixel_width: 0, pixel_height: 0 })
            .unwrap_or_else(|e| panic!("{e}"));
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.env("MLA_QUIZ_DATA_DIR", data);
        cmd.env("TERM", "xterm-256color");
        cmd.env("NO_COLOR", "1");
        let mut reader = pair.master.try_clone_reader().unwrap_or_else(|e| panic!("{e}"));
        let (send, output) = channel();
        std::thread::spawn(move || {
            let mut buf = [0u8; 65536];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 || send.send((Instant::now(), buf[..n].to_vec())).is_err() {
                    break;
                }
            }
        });
        let started = Instant::now();
        let child = pair.slave.spawn_command(cmd).unwrap_or_else(|e| panic!("{e}"));
        drop(pair.slave);
        let writer = pair.master.take_writer().unwrap_or_else(|e| panic!("{e}"));
        let screen = vt100::Parser::new(size.1, size.0, 0);
        Pty { _master: pair.master, writer, child, output, screen, started }
    }

    /// When the screen first showed `text` (now, if it shows it already).
    pub fn wait_for(&mut self, text: &str) -> Instant {
        let deadline = Instant::now() + WAIT;
        if self.screen.screen().contents().contains(text) {
            return Instant::now();
        }
        loop {
            let Ok((at, bytes)) = self.output.recv_timeout(deadline.saturating_duration_since(Instant::now())) else {
                panic!("waited for {text:?}; the screen shows:\n{}", self.screen.screen().contents());
            };
            self.screen.process(&bytes);
            if self.screen.screen().contents().contains(text) {
                return at;
            }
        }
    }

    /// Sends keys once everything drawn so far is on the screen; returns when.
    pub fn send(&mut self, keys: &str) -> Instant {
        while let Ok((_, bytes)) = self.output.try_recv() {
            self.screen.process(&bytes);
        }
        let at = Instant::now();
        self.writer.write_all(keys.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
        self.writer.flush().unwrap_or_else(|e| panic!("{e}"));
        at
    }

    pub fn peak_kib(&self) -> Option<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.process_id()?)).ok()?;
        let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
        line.split_whitespace().nth(1)?.parse().ok()
    }

    /// Sends `keys` and returns how long the process took to exit after them.
    pub fn exit_after(&mut self, keys: &str) -> Duration {
        let sent = self.send(keys);
        let deadline = sent + WAIT;
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return sent.elapsed();
            }
            std::thread::sleep(Duration::from_micros(200));
        }
        panic!("the program did not exit")
    }
}

pub fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values.get(values.len() / 2).copied().unwrap_or(f64::NAN)
}

pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// Figures of one start: first frame (ms), peak memory (KiB), exit (ms).
pub struct Start {
    pub frame: f64,
    pub peak: f64,
    pub exit: f64,
}

pub fn start(bin: &Path, args: &[&str], marker: &str, data: &Path, quit: &str) -> Start {
    let mut pty = Pty::spawn(bin, args, data, (100, 30));
    let frame = ms(pty.wait_for(marker) - pty.started);
    std::thread::sleep(Duration::from_millis(20));
    let peak = pty.peak_kib().map_or(f64::NAN, |k| k as f64);
    let exit = ms(pty.exit_after(quit));
    Start { frame, peak, exit }
}

pub fn starts(bin: &Path, args: &[&str], marker: &str, data: &Path, quit: &str, runs: usize) -> Start {
    let all: Vec<Start> = (0..runs).map(|_| start(bin, args, marker, data, quit)).collect();
    Start {
        frame: median(all.iter().map(|s| s.frame).collect()),
        peak: median(all.iter().map(|s| s.peak).collect()),
        exit: median(all.iter().map(|s| s.exit).collect()),
    }
}
