//! Parses client commands as typed in the command box or written in
//! scenarios: `set x 5`, `append x 5`, `del x`, `get x`.

use crate::protocols::raft::KvOp;
use std::sync::Arc;

/// The longest key and value accepted.
pub const MAX_KEY_LEN: usize = 32;
pub const MAX_VALUE_LEN: usize = 64;

/// A parsed client command.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ClientCommand {
    Write(KvOp),
    Read(Arc<str>),
}

/// Why a command did not parse.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CommandError {
    Empty,
    UnknownVerb,
    MissingKey,
    MissingValue,
    TooManyWords,
    BadKey,
    BadValue,
}

impl CommandError {
    /// The message shown next to the command box, in `lang`.
    pub fn message(self, lang: crate::lang::Lang) -> &'static str {
        let (en, zh) = self.pair();
        lang.pick(en, zh)
    }

    /// The message in both languages.
    pub fn text(self) -> crate::lang::Text {
        let (en, zh) = self.pair();
        crate::lang::Text::new(en, zh)
    }

    fn pair(self) -> (&'static str, &'static str) {
        use CommandError::*;
        let (en, zh) = match self {
            Empty => (
                "type a command: set KEY VALUE, append KEY VALUE, del KEY or get KEY",
                "请输入命令：set 键 值、append 键 值、del 键 或 get 键",
            ),
            UnknownVerb => (
                "unknown command: use set, append, del or get",
                "未知命令：请用 set、append、del 或 get",
            ),
            MissingKey => ("missing key: e.g. set x 5", "缺少键：例如 set x 5"),
            MissingValue => ("missing value: e.g. set x 5", "缺少值：例如 set x 5"),
            TooManyWords => (
                "too many words: values cannot contain spaces",
                "词太多：值不能包含空格",
            ),
            BadKey => (
                "keys are 1–32 letters, digits, or _ - . :",
                "键须为 1–32 个字母、数字或 _ - . :",
            ),
            BadValue => (
                "values are 1–64 visible characters without spaces",
                "值须为 1–64 个不含空格的可见字符",
            ),
        };
        (en, zh)
    }
}

impl std::fmt::Display for CommandError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.message(crate::lang::Lang::En))
    }
}

pub fn valid_key(k: &str) -> bool {
    !k.is_empty()
        && k.len() <= MAX_KEY_LEN
        && k.chars()
            .all(|c| c.is_ascii_alphanumeric() || "_-.:".contains(c))
}

pub fn valid_value(v: &str) -> bool {
    !v.is_empty()
        && v.chars().count() <= MAX_VALUE_LEN
        && v.chars().all(|c| !c.is_whitespace() && !c.is_control())
}

/// Parses one command line.
pub fn parse_command(line: &str) -> Result<ClientCommand, CommandError> {
    let words: Vec<&str> = line.split_whitespace().collect();
    let Some((&verb, rest)) = words.split_first() else {
        return Err(CommandError::Empty);
    };
    let verb = verb.to_ascii_lowercase();
    let needs_value = match verb.as_str() {
        "set" | "put" | "append" => true,
        "get" | "read" | "del" | "delete" | "rm" => false,
        _ => return Err(CommandError::UnknownVerb),
    };
    let key = *rest.first().ok_or(CommandError::MissingKey)?;
    if !valid_key(key) {
        return Err(CommandError::BadKey);
    }
    let key: Arc<str> = key.into();
    let expected = if needs_value { 2 } else { 1 };
    if rest.len() < expected {
        return Err(CommandError::MissingValue);
    }
    if rest.len() > expected {
        return Err(CommandError::TooManyWords);
    }
    if needs_value {
        let value = rest[1];
        if !valid_value(value) {
            return Err(CommandError::BadValue);
        }
        let value: Arc<str> = value.into();
        return Ok(ClientCommand::Write(match verb.as_str() {
            "append" => KvOp::Append { key, value },
            _ => KvOp::Set { key, value },
        }));
    }
    Ok(match verb.as_str() {
        "get" | "read" => ClientCommand::Read(key),
        _ => ClientCommand::Write(KvOp::Delete { key }),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_four_verbs() {
        assert_eq!(
            parse_command("set x 5"),
            Ok(ClientCommand::Write(KvOp::Set {
                key: "x".into(),
                value: "5".into()
            }))
        );
        assert_eq!(
            parse_command("  APPEND x y "),
            Ok(ClientCommand::Write(KvOp::Append {
                key: "x".into(),
                value: "y".into()
            }))
        );
        assert_eq!(
            parse_command("del x"),
            Ok(ClientCommand::Write(KvOp::Delete { key: "x".into() }))
        );
        assert_eq!(parse_command("get x"), Ok(ClientCommand::Read("x".into())));
    }

    #[test]
    fn rejects_what_does_not_parse() {
        assert_eq!(parse_command(""), Err(CommandError::Empty));
        assert_eq!(
            parse_command("frobnicate x"),
            Err(CommandError::UnknownVerb)
        );
        assert_eq!(parse_command("set"), Err(CommandError::MissingKey));
        assert_eq!(parse_command("set x"), Err(CommandError::MissingValue));
        assert_eq!(parse_command("set x 5 6"), Err(CommandError::TooManyWords));
        assert_eq!(parse_command("get <b>"), Err(CommandError::BadKey));
        assert_eq!(
            parse_command(&format!("set x {}", "9".repeat(65))),
            Err(CommandError::BadValue)
        );
    }
}
