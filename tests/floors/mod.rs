//! Shared by `tests/transformer_quality.rs` and `tests/onnx_parity.rs`: checking measured
//! figures against their regression floors.

/// The checks `(name, measured, floor)` whose figure is under its floor, as messages.
pub fn below(checks: &[(&str, f64, f64)]) -> Vec<String> {
    checks
        .iter()
        .filter(|(_, got, min)| got < min)
        .map(|(name, got, min)| format!("{name}: {got:.4} < {min:.3}"))
        .collect()
}
