//! JSON text to a [`Value`], without recursion.

use std::fmt;

use super::{Map, Number, Value};

/// serde_json's nesting limit: a 128th open container is refused.
const MAX_NESTING: usize = 127;

/// Why a text is not JSON, and where: worded and placed as serde_json does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    message: &'static str,
    line: usize,
    column: usize,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at line {} column {}", self.message, self.line, self.column)
    }
}

impl std::error::Error for Error {}

const EOF_VALUE: &str = "EOF while parsing a value";
const EOF_LIST: &str = "EOF while parsing a list";
const EOF_OBJECT: &str = "EOF while parsing an object";
const EOF_STRING: &str = "EOF while parsing a string";
const EXPECTED_VALUE: &str = "expected value";
const EXPECTED_IDENT: &str = "expected ident";
const EXPECTED_COLON: &str = "expected `:`";
const EXPECTED_LIST_END: &str = "expected `,` or `]`";
const EXPECTED_OBJECT_END: &str = "expected `,` or `}`";
const KEY_NOT_STRING: &str = "key must be a string";
const TRAILING_COMMA: &str = "trailing comma";
const TRAILING_CHARACTERS: &str = "trailing characters";
const INVALID_NUMBER: &str = "invalid number";
const INVALID_ESCAPE: &str = "invalid escape";
const CONTROL_CHARACTER: &str = "control character (\\u0000-\\u001F) found while parsing a string";
const LONE_SURROGATE: &str = "lone leading surrogate in hex escape";
const HEX_ESCAPE_END: &str = "unexpected end of hex escape";
const NUMBER_OUT_OF_RANGE: &str = "number out of range";
const RECURSION_LIMIT: &str = "recursion limit exceeded";

/// The value of `text`, a whole JSON document.
pub fn parse(text: &str) -> Result<Value, Error> {
    let mut reader = Reader { text, bytes: text.as_bytes(), at: 0, build: true };
    let value = reader.value()?;
    reader.end()?;
    Ok(value)
}

/// Checks that `text` is JSON, at any depth and with lone surrogate escapes allowed
/// (the envelope's raw members are read apart and judged on their own).
pub fn check(text: &str) -> Result<(), Error> {
    let mut reader = Reader { text, bytes: text.as_bytes(), at: 0, build: false };
    reader.value()?;
    reader.end()
}

struct Reader<'t> {
    text: &'t str,
    bytes: &'t [u8],
    at: usize,
    /// False: check only, build nothing, no nesting limit.
    build: bool,
}

/// An open container and what it holds so far.
enum Open {
    Array(Vec<Value>),
    Object(Vec<(String, Value)>, String),
}

impl Reader<'_> {
    fn value(&mut self) -> Result<Value, Error> {
        let mut open: Vec<Open> = Vec::new();
        loop {
            let mut value = match self.start_value(&mut open)? {
                Some(value) => value,
                None => continue,
            };
            // Hand the value to its container, closing every container it completes.
            loop {
                let (close, done) = match open.last_mut() {
                    None => return Ok(value),
                    Some(Open::Array(items)) => {
                        self.keep(items, value);
                        (self.after_item(b']', EXPECTED_LIST_END, EOF_LIST)?, None)
                    }
                    Some(Open::Object(entries, key)) => {
                        let entry = (std::mem::take(key), value);
                        if self.build {
                            entries.push(entry);
                        }
                        let close = self.after_item(b'}', EXPECTED_OBJECT_END, EOF_OBJECT)?;
                        (close, (!close).then_some(key))
                    }
                };
                if let Some(key) = done {
                    *key = self.key()?;
                }
                if !close {
                    break;
                }
                value = match open.pop() {
                    Some(Open::Array(items)) => Value::Array(items),
                    Some(Open::Object(entries, _)) => Value::Object(Map::from_parsed(entries)),
                    None => Value::Null,
                };
            }
        }
    }

    fn keep(&self, items: &mut Vec<Value>, value: Value) {
        if self.build {
            items.push(value);
        }
    }

    /// A scalar or an empty container as a value; `None` after opening a container.
    fn start_value(&mut self, open: &mut Vec<Open>) -> Result<Option<Value>, Error> {
        let Some(b) = self.skip_space() else { return Err(self.peek_error(EOF_VALUE)) };
        if matches!(b, b'[' | b'{') && self.build && open.len() >= MAX_NESTING {
            return Err(self.peek_error(RECURSION_LIMIT));
        }
        Ok(match b {
            b'[' => {
                self.advance();
                match self.skip_space() {
                    Some(b']') => {
                        self.advance();
                        return Ok(Some(Value::Array(Vec::new())));
                    }
                    None => return Err(self.peek_error(EOF_LIST)),
                    Some(_) => {}
                }
                open.push(Open::Array(Vec::new()));
                None
            }
            b'{' => {
                self.advance();
                if self.skip_space() == Some(b'}') {
                    self.advance();
                    return Ok(Some(Value::Object(Map::new())));
                }
                let key = self.key()?;
                open.push(Open::Object(Vec::new(), key));
                None
            }
            _ => Some(self.scalar(b)?),
        })
    }

    /// After an item: `,` (then false) or the closing byte (then true).
    fn after_item(&mut self, close: u8, expected: &'static str, eof: &'static str) -> Result<bool, Error> {
        match self.skip_space() {
            Some(b',') => {
                self.advance();
                if self.skip_space() == Some(close) {
                    return Err(self.peek_error(TRAILING_COMMA));
                }
                Ok(false)
            }
            Some(b) if b == close => {
                self.advance();
                Ok(true)
            }
            Some(_) => Err(self.peek_error(expected)),
            None => Err(self.peek_error(eof)),
        }
    }

    /// The next member's key and its colon, after `{` or a comma.
    fn key(&mut self) -> Result<String, Error> {
        match self.skip_space() {
            Some(b'"') => self.key_text(),
            Some(_) => Err(self.peek_error(KEY_NOT_STRING)),
            None => Err(self.peek_error(EOF_OBJECT)),
        }
    }

    /// A key at its opening quote, then the colon.
    fn key_text(&mut self) -> Result<String, Error> {
        self.advance();
        let key = self.string()?;
        match self.skip_space() {
            Some(b':') => {
                self.advance();
                Ok(key)
            }
            Some(_) => Err(self.peek_error(EXPECTED_COLON)),
            None => Err(self.peek_error(EOF_OBJECT)),
        }
    }

    fn scalar(&mut self, first: u8) -> Result<Value, Error> {
        match first {
            b'n' => self.ident(b"null", Value::Null),
            b't' => self.ident(b"true", Value::Bool(true)),
            b'f' => self.ident(b"false", Value::Bool(false)),
            b'"' => {
                self.advance();
                Ok(Value::String(self.string()?))
            }
            b'-' | b'0'..=b'9' => self.number(),
            _ => Err(self.peek_error(EXPECTED_VALUE)),
        }
    }

    fn ident(&mut self, word: &[u8], value: Value) -> Result<Value, Error> {
        for &expected in word {
            match self.next_byte() {
                None => return Err(self.error(EOF_VALUE)),
                Some(b) if b != expected => return Err(self.error(EXPECTED_IDENT)),
                Some(_) => {}
            }
        }
        Ok(value)
    }

    /// A number's text, checked against the grammar.
    fn number(&mut self) -> Result<Value, Error> {
        let start = self.at;
        if self.peek() == Some(b'-') {
            self.advance();
        }
        match self.next_byte() {
            Some(b'0') => {
                if matches!(self.peek(), Some(b'0'..=b'9')) {
                    return Err(self.peek_error(INVALID_NUMBER));
                }
            }
            Some(b'1'..=b'9') => self.digits(),
            None => return Err(self.error(EOF_VALUE)),
            Some(_) => return Err(self.error(INVALID_NUMBER)),
        }
        if self.peek() == Some(b'.') {
            self.advance();
            self.required_digits()?;
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.advance();
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.advance();
            }
            self.required_digits()?;
        }
        if !self.build {
            return Ok(Value::Null);
        }
        let number = Number::from_checked_text(self.text.get(start..self.at).unwrap_or_default().to_owned());
        // Past the doubles, a number is Infinity to JS: refused, as serde_json refuses it.
        if (number.as_str().len() > 300 || number.is_f64()) && number.decimal().overflows_f64() {
            return Err(self.error(NUMBER_OUT_OF_RANGE));
        }
        Ok(Value::Number(number))
    }

    fn required_digits(&mut self) -> Result<(), Error> {
        match self.peek() {
            Some(b'0'..=b'9') => {
                self.digits();
                Ok(())
            }
            Some(_) => Err(self.peek_error(INVALID_NUMBER)),
            None => Err(self.peek_error(EOF_VALUE)),
        }
    }

    fn digits(&mut self) {
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.advance();
        }
    }

    /// A string's content after its opening quote; runs without escapes copied whole
    /// (they end at ASCII bytes, so on character boundaries).
    fn string(&mut self) -> Result<String, Error> {
        let mut out = String::new();
        loop {
            let start = self.at;
            let run = self.bytes.get(start..).unwrap_or_default();
            let len = super::plain_len(run);
            self.at = start.saturating_add(len);
            if self.build {
                out.push_str(self.text.get(start..self.at).unwrap_or_default());
            }
            match self.next_byte() {
                Some(b'"') => break,
                Some(b'\\') => self.escape(&mut out)?,
                Some(_) => return Err(self.error(CONTROL_CHARACTER)),
                None => return Err(self.error(EOF_STRING)),
            }
        }
        Ok(out)
    }

    /// One escape, after its backslash.
    fn escape(&mut self, out: &mut String) -> Result<(), Error> {
        let simple = match self.next_byte() {
            None => return Err(self.error(EOF_STRING)),
            Some(b'u') => return self.unicode_escape(out),
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(_) => return Err(self.error(INVALID_ESCAPE)),
        };
        out.push(simple);
        Ok(())
    }

    /// `\uXXXX`, after the `u`: a surrogate pair is one character. Checking only, a lone
    /// surrogate passes (as serde_json skips strings it does not decode).
    fn unicode_escape(&mut self, out: &mut String) -> Result<(), Error> {
        let first = self.hex4()?;
        let code = match first {
            0xDC00..=0xDFFF if self.build => return Err(self.error(LONE_SURROGATE)),
            0xD800..=0xDBFF if self.build => {
                for expected in [b'\\', b'u'] {
                    match self.next_byte() {
                        Some(b) if b == expected => {}
                        Some(_) => return Err(self.error(HEX_ESCAPE_END)),
                        None => return Err(self.error(EOF_STRING)),
                    }
                }
                let second = self.hex4()?;
                if !(0xDC00..=0xDFFF).contains(&second) {
                    return Err(self.error(LONE_SURROGATE));
                }
                let high = first.saturating_sub(0xD800) << 10;
                high.saturating_add(second.saturating_sub(0xDC00)).saturating_add(0x1_0000)
            }
            code => code,
        };
        out.push(char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER));
        Ok(())
    }

    fn hex4(&mut self) -> Result<u32, Error> {
        if self.bytes.len().saturating_sub(self.at) < 4 {
            self.at = self.bytes.len();
            return Err(self.error(EOF_STRING));
        }
        let digits = self.bytes.get(self.at..self.at.saturating_add(4)).unwrap_or_default();
        self.at = self.at.saturating_add(4);
        let code = std::str::from_utf8(digits).ok().and_then(|hex| u32::from_str_radix(hex, 16).ok());
        code.filter(|_| digits.iter().all(u8::is_ascii_hexdigit)).ok_or_else(|| self.error(INVALID_ESCAPE))
    }

    fn end(&mut self) -> Result<(), Error> {
        match self.skip_space() {
            None => Ok(()),
            Some(_) => Err(self.peek_error(TRAILING_CHARACTERS)),
        }
    }

    #[inline(always)]
    fn skip_space(&mut self) -> Option<u8> {
        while let Some(b' ' | b'\n' | b'\t' | b'\r') = self.peek() {
            self.advance();
        }
        self.peek()
    }

    #[inline(always)]
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    #[inline(always)]
    fn advance(&mut self) {
        self.at = self.at.saturating_add(1);
    }

    #[inline(always)]
    fn next_byte(&mut self) -> Option<u8> {
        let b = self.peek()?;
        self.advance();
        Some(b)
    }

    /// An error just after what was read.
    fn error(&self, message: &'static str) -> Error {
        self.error_at(self.at, message)
    }

    /// An error at the byte looked at but not read.
    fn peek_error(&self, message: &'static str) -> Error {
        self.error_at(self.at.saturating_add(1).min(self.bytes.len()), message)
    }

    /// serde_json's position: the line, and the bytes read on it.
    fn error_at(&self, index: usize, message: &'static str) -> Error {
        let before = self.bytes.get(..index).unwrap_or_default();
        let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |at| at.saturating_add(1));
        let newlines = before.iter().filter(|&&b| b == b'\n').count();
        Error { message, line: newlines.saturating_add(1), column: index.saturating_sub(line_start) }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    // Also run on wasm32 by `npm test` (wasm-bindgen-test-runner, in Node).
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    /// Texts whose answer (the value, or the error's words and place) matches serde_json.
    #[test]
    fn answers_as_serde_json_does() {
        let deep = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        let texts = [
            r#"{"b":[1,-2,3.5,18446744073709551615,-9223372036854775808,0.1],"a":{"x":null,"y":true},"a":"again"}"#,
            r#" "\u00e9\ud83d\ude00\n\"\/\b\f\r\t" "#,
            r#"[{}, [], "", false]"#,
            "1.0",
            "-0",
            "0e+5",
            r#"{"a":1,}"#,
            "[1,]",
            "[1 2]",
            r#"{"a" 1}"#,
            r#"{"a":1 "b"}"#,
            "{1:2}",
            "{,}",
            r#""\ud800""#,
            r#""\udc00""#,
            r#""\ud800\u0041""#,
            r#""\ud800x""#,
            r#""\x""#,
            r#""\u12g4""#,
            r#""\u12"#,
            "\"a\u{1}\"",
            "\"abc",
            "[1] x",
            "",
            "   ",
            "nul",
            "nulL",
            "tru",
            "-",
            "-a",
            "01",
            "1.",
            "1.e3",
            "1e",
            "1e+",
            "1e400",
            "[1E309]",
            "-1.8e308",
            "[1.7976931348623157e308, 2.5e-320, 1e-400, 0e999999999999, 1e-99999999999]",
            "-0.00017976931348623158e313",
            "[1,\n  {\"a\": tru}]",
            "{\"a\":\n\n   [1, 2,",
            "[",
            "{",
            r#"{"a""#,
            r#"{"a":"#,
            "x",
            "}",
            &deep(127),
            &deep(128),
            &deep(200),
        ];
        for text in texts {
            let ours = parse(text).map(|v| v.to_string()).map_err(|e| e.to_string());
            let theirs =
                serde_json::from_str::<serde_json::Value>(text).map(|v| v.to_string()).map_err(|e| e.to_string());
            match (&ours, &theirs) {
                // Values: ours keep the text's order and numbers; compare as JSON.
                (Ok(a), Ok(b)) => assert_eq!(
                    serde_json::from_str::<serde_json::Value>(a).unwrap(),
                    serde_json::from_str::<serde_json::Value>(b).unwrap(),
                    "{text}"
                ),
                _ => assert_eq!(ours, theirs, "{text}"),
            }
        }
    }

    #[test]
    fn numbers_past_the_largest_double_are_refused_where_js_reads_infinity() {
        // 2^1024 − 2^970, the halfway point to 2^1024, to 40 digits; serde_json (without
        // exact float parsing) draws the line a little lower.
        assert!(parse("1797693134862315807937289714053034150799e269").is_err());
        assert!(parse("1797693134862315807937289714053034150798e269").is_ok());
        assert!(parse("-17976931348623157e292").is_ok());
    }

    #[test]
    fn checking_allows_any_depth_and_lone_surrogates() {
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert!(check(&deep).is_ok());
        assert!(check(r#"{"a":"\ud800","b":["\udc00"]}"#).is_ok());
        assert_eq!(check("[1,]").unwrap_err().to_string(), "trailing comma at line 1 column 4");
        assert!(parse(&deep).is_err());
    }
}
