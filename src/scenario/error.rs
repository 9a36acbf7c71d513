//! Errors in scenario files, lesson files, share links and settings: each
//! names the field path and says, in both languages, what is allowed there.

use crate::lang::{Lang, Text};
use std::fmt;

/// One problem with an input, at a field path such as `actions[3].node`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    pub path: String,
    pub message: Text,
}

impl FieldError {
    pub fn new(path: impl Into<String>, message: Text) -> Self {
        FieldError {
            path: path.into(),
            message,
        }
    }

    /// The error in `lang`: "path: message".
    pub fn describe(&self, lang: Lang) -> String {
        let message = self.message.get(lang);
        if self.path.is_empty() {
            message.to_string()
        } else {
            format!("{}: {message}", self.path)
        }
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe(Lang::En))
    }
}

/// Everything wrong with one input (never empty).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScenarioError(pub Vec<FieldError>);

impl ScenarioError {
    pub fn one(path: impl Into<String>, message: Text) -> Self {
        ScenarioError(vec![FieldError::new(path, message)])
    }

    pub fn first(&self) -> &FieldError {
        &self.0[0]
    }

    /// Every error in `lang`, one per line.
    pub fn describe(&self, lang: Lang) -> String {
        let lines: Vec<String> = self.0.iter().map(|e| e.describe(lang)).collect();
        lines.join("\n")
    }
}

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe(Lang::En))
    }
}

impl std::error::Error for ScenarioError {}

/// A message in both languages, formatted: `msg!("got {v}", "实际为 {v}")`.
#[macro_export]
macro_rules! msg {
    ($en:literal, $zh:literal $(,)?) => {
        $crate::lang::Text::owned(format!($en), format!($zh))
    };
}

/// Collects errors while validating.
#[derive(Debug, Default)]
pub struct Errors(pub Vec<FieldError>);

impl Errors {
    pub fn push(&mut self, path: impl Into<String>, message: Text) {
        self.0.push(FieldError::new(path, message));
    }

    /// How many errors so far (to tell whether a part added any).
    pub fn count(&self) -> usize {
        self.0.len()
    }

    /// Checks `lo <= v <= hi` for a number, naming the range when it fails.
    pub fn range_f64(&mut self, path: &str, v: f64, lo: f64, hi: f64) -> bool {
        if v.is_finite() && v >= lo && v <= hi {
            true
        } else {
            self.push(
                path,
                crate::msg!(
                    "must be between {lo} and {hi}, got {v}",
                    "必须在 {lo} 到 {hi} 之间，实际为 {v}"
                ),
            );
            false
        }
    }

    /// Checks that a required field is there.
    pub fn required<T>(&mut self, path: &str, v: Option<T>, what: Text) -> Option<T> {
        if v.is_none() {
            let message = Text::owned(
                format!("required: {}", what.en),
                format!("必填：{}", what.zh),
            );
            self.push(path, message);
        }
        v
    }

    pub fn finish<T>(self, value: T) -> Result<T, ScenarioError> {
        if self.0.is_empty() {
            Ok(value)
        } else {
            Err(ScenarioError(self.0))
        }
    }
}
