//! Errors in scenario files and share links: each names the field path and
//! what is allowed there.

use std::fmt;

/// One problem with an input, at a field path such as `actions[3].node`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    pub path: String,
    pub message: String,
}

impl FieldError {
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        FieldError {
            path: path.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

/// Everything wrong with one input (never empty).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScenarioError(pub Vec<FieldError>);

impl ScenarioError {
    pub fn one(path: impl Into<String>, message: impl Into<String>) -> Self {
        ScenarioError(vec![FieldError::new(path, message)])
    }

    pub fn first(&self) -> &FieldError {
        &self.0[0]
    }
}

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ScenarioError {}

/// Collects errors while validating, with the current path.
#[derive(Default)]
pub(super) struct Errors(pub Vec<FieldError>);

impl Errors {
    pub fn push(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.0.push(FieldError::new(path, message));
    }

    /// Checks `lo <= v <= hi` for a number, naming the range when it fails.
    pub fn range_f64(&mut self, path: &str, v: f64, lo: f64, hi: f64) -> bool {
        if v.is_finite() && v >= lo && v <= hi {
            true
        } else {
            self.push(path, format!("must be between {lo} and {hi}, got {v}"));
            false
        }
    }

    pub fn finish<T>(self, value: T) -> Result<T, ScenarioError> {
        if self.0.is_empty() {
            Ok(value)
        } else {
            Err(ScenarioError(self.0))
        }
    }
}
