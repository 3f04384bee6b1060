//! Seeded draws the readiness simulation needs beyond `rand`: normal, Gamma
//! (Marsaglia–Tsang) and Beta (as a ratio of two Gammas).

use rand::Rng;

/// A standard normal draw (Box–Muller).
pub fn standard_normal(rng: &mut impl Rng) -> f64 {
    let u1 = 1.0 - rng.random::<f64>();
    let u2 = rng.random::<f64>();
    (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
}

/// A Gamma(shape, 1) draw; `shape` must be positive.
pub fn gamma(rng: &mut impl Rng, shape: f64) -> f64 {
    if shape < 1.0 {
        let u = 1.0 - rng.random::<f64>();
        return gamma(rng, shape + 1.0) * u.powf(1.0 / shape);
    }
    let d = shape - 1.0 / 3.0;
    let c = 1.0 / (9.0 * d).sqrt();
    loop {
        let x = standard_normal(rng);
        let v = 1.0 + c * x;
        if v <= 0.0 {
            continue;
        }
        let v = v * v * v;
        let u = 1.0 - rng.random::<f64>();
        if u.ln() < 0.5 * x * x + d - d * v + d * v.ln() {
            return d * v;
        }
    }
}

/// A Beta(a, b) draw; `a` and `b` must be positive.
pub fn beta(rng: &mut impl Rng, a: f64, b: f64) -> f64 {
    let x = gamma(rng, a);
    let y = gamma(rng, b);
    if x + y > 0.0 { x / (x + y) } else { a / (a + b) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand::rngs::StdRng;

    #[test]
    fn beta_draws_have_the_right_mean_and_spread() {
        let mut rng = StdRng::seed_from_u64(7);
        for (a, b) in [(3.0, 7.0), (0.5, 0.5), (40.0, 10.0)] {
            let n = 20_000;
            let draws: Vec<f64> = (0..n).map(|_| beta(&mut rng, a, b)).collect();
            let mean = draws.iter().sum::<f64>() / n as f64;
            let var = draws.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n as f64;
            let want_mean = a / (a + b);
            let want_var = a * b / ((a + b).powi(2) * (a + b + 1.0));
            assert!((mean - want_mean).abs() < 0.01, "Beta({a},{b}) mean {mean}, want {want_mean}");
            assert!((var - want_var).abs() < 0.1 * want_var, "Beta({a},{b}) var {var}, want {want_var}");
        }
    }
}
