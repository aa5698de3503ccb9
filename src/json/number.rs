//! JSON numbers kept as the text they were written with, and their decimal reading.

use std::fmt;

/// A number, as the text it was written with (valid JSON number grammar).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Number(pub(super) String);

impl Number {
    /// Text the parser has checked against the number grammar.
    pub(crate) const fn from_checked_text(text: String) -> Self {
        Number(text)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Written with a fraction or an exponent: a float to JS and to Python's `json`.
    pub fn is_f64(&self) -> bool {
        self.0.bytes().any(|b| matches!(b, b'.' | b'e' | b'E'))
    }

    /// The number as significant digits and a decimal point.
    pub fn decimal(&self) -> Decimal {
        Decimal::read(&self.0)
    }

    /// A whole number from 0 to `u64::MAX`, however written (`100`, `1e2`, `100.0`).
    pub fn as_whole(&self) -> Option<u64> {
        let Decimal { negative, mut digits, point } = self.decimal();
        if digits.is_empty() {
            return Some(0);
        }
        let zeros = usize::try_from(point).ok()?.checked_sub(digits.len())?;
        if negative || zeros > 20 {
            return None;
        }
        digits.extend(std::iter::repeat('0').take(zeros));
        digits.parse().ok()
    }

    /// A non-negative integer written without fraction or exponent, if it fits.
    pub fn as_u64(&self) -> Option<u64> {
        self.0.parse().ok()
    }
}

/// A decimal number as significant digits (no leading or trailing zeros) and the place
/// of the decimal point counted from their start: `-0.012` is `-`, "12", -1; zero has
/// no digits. Read from valid JSON number text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decimal {
    pub negative: bool,
    pub digits: String,
    pub point: i32,
}

impl Decimal {
    pub fn read(text: &str) -> Decimal {
        let (negative, text) = text.strip_prefix('-').map_or((false, text), |rest| (true, rest));
        let (mantissa, exponent) = text.split_once(['e', 'E']).unwrap_or((text, "0"));
        // Past ±1e9 the exponent only says "too large" or "zero": clamp it.
        let exponent = exponent.trim_start_matches('+').parse::<i32>().unwrap_or(match exponent.starts_with('-') {
            true => -1_000_000_000,
            false => 1_000_000_000,
        });
        let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        let all: String = whole.chars().chain(fraction.chars()).collect();
        let significant = all.trim_start_matches('0');
        let skipped = i32::try_from(all.len().saturating_sub(significant.len())).unwrap_or(i32::MAX);
        let digits = significant.trim_end_matches('0').to_owned();
        let whole_len = i32::try_from(whole.len()).unwrap_or(i32::MAX);
        let point = if digits.is_empty() { 0 } else { whole_len.saturating_sub(skipped).saturating_add(exponent) };
        Decimal { negative, digits, point }
    }

    /// Past the largest double, where JS reads Infinity: at or above 2^1024 − 2^970
    /// (the halfway point to 2^1024), compared to 40 digits.
    pub fn overflows_f64(&self) -> bool {
        const HALFWAY: &str = "1797693134862315807937289714053034150799";
        self.point > 309 || (self.point == 309 && self.digits.as_str() >= HALFWAY)
    }
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
