//! A saved session damaged at random is refused or, when it passes the checked
//! boundary, can be drawn on every view: each question (with feedback in a
//! study session), the exam grid, the help, the results and every review.

use super::fixture_pool;
use crate::bank::{Pool, QuestionType};
use crate::engine::fixtures::T0;
use crate::engine::tests_restore::mutate;
use crate::engine::{Results, Session, SessionState, Settings, StudyFilter, correct_response};
use crate::ui::input::Intent;
use crate::ui::screens::results::{ResultsScreen, ReviewFilter};
use crate::ui::screens::review::ReviewScreen;
use crate::ui::screens::session::SessionScreen;
use crate::ui::theme::Theme;
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::time::Duration;

/// A session of the fixture bank with an answer to one question of every type;
/// in a study session the answers are submitted.
fn saved(pool: &Pool, settings: Settings) -> SessionState {
    let mut session = Session::new(pool, settings).unwrap_or_else(|e| panic!("{e}"));
    for kind in QuestionType::ALL {
        let found = session.questions().position(|(q, _)| q.question_type() == kind);
        if let Some(i) = found {
            session.go_to(i);
            let right = correct_response(session.current().0);
            assert_eq!(session.respond(right, T0), Ok(()));
            let _ = session.submit(T0);
            session.toggle_flag();
            session.spend(Duration::from_secs(3));
        }
    }
    session.state().clone()
}

/// Draws every view of a restored session; panics if any drawing does.
fn draw_everything(session: Session, pool: &Pool, size: (u16, u16)) {
    let mut terminal = Terminal::new(TestBackend::new(size.0, size.1)).unwrap_or_else(|e| panic!("{e}"));
    let theme = Theme::plain();
    let mut draw = |f: &mut dyn FnMut(&mut ratatui::Frame)| {
        terminal.draw(|frame| f(frame)).unwrap_or_else(|e| panic!("{e}"));
    };
    let mut screen = SessionScreen::new(session, pool.case_studies.clone(), || T0);
    for _ in 0..screen.session.len() {
        draw(&mut |frame| screen.render(frame, frame.area(), theme));
        screen.handle(Intent::Next);
    }
    screen.handle(Intent::Grid);
    draw(&mut |frame| screen.render(frame, frame.area(), theme));
    let session = screen.session;
    let results = Results::of(&session);
    for filter in [ReviewFilter::All, ReviewFilter::Wrong, ReviewFilter::Flagged] {
        let mut review = ReviewScreen::new(&session, filter);
        for _ in 0..=session.len() {
            draw(&mut |frame| review.render(frame, frame.area(), &session, &pool.case_studies, theme));
            review.handle(Intent::Next);
        }
    }
    let mut results = ResultsScreen::new(session, results, None);
    draw(&mut |frame| results.render(frame, frame.area(), pool, theme));
}

#[test]
fn undamaged_saves_draw_on_every_view() {
    let pool = fixture_pool();
    for settings in [Settings::mock_exam(&pool.blueprint, false, 7), Settings::study(StudyFilter::default(), 7, 7)] {
        let session = Session::restore(&pool, saved(&pool, settings)).unwrap_or_else(|e| panic!("{e}"));
        draw_everything(session, &pool, (80, 24));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn damaged_saves_are_refused_or_draw_on_every_view(
        study in any::<bool>(),
        choices in proptest::collection::vec((any::<usize>(), any::<usize>()), 1..4),
        size in (20u16..130, 5u16..45),
    ) {
        let pool = fixture_pool();
        let settings = if study {
            Settings::study(StudyFilter::default(), 7, 7)
        } else {
            Settings::mock_exam(&pool.blueprint, false, 7)
        };
        let state = serde_json::to_value(saved(&pool, settings)).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let Ok(state) = serde_json::from_value::<SessionState>(mutate(&state, &choices)) else { return Ok(()) };
        if let Ok(session) = Session::restore(&pool, state) {
            draw_everything(session, &pool, size);
        }
    }
}
