//! The languages the lab speaks, English and Simplified Chinese, and the one
//! way to write a text in both: [`Text`] (a sentence, owned or static) and
//! [`Tag`] (a machine code with its words, such as the reason an action was
//! skipped).

use serde::{Deserialize, Serialize, Serializer};
use std::borrow::Cow;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    Zh,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Zh];

    /// The code used in URLs and the `lang` attribute.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }

    /// Parses a URL code or a browser language tag ("zh-CN", "en-GB", ...).
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Lang::En),
            "zh" => Some(Lang::Zh),
            _ => None,
        }
    }

    /// Picks the English or the Chinese text.
    pub fn pick<'a>(self, en: &'a str, zh: &'a str) -> &'a str {
        match self {
            Lang::En => en,
            Lang::Zh => zh,
        }
    }
}

/// A text in every language the lab speaks.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    pub en: Cow<'static, str>,
    pub zh: Cow<'static, str>,
}

impl Text {
    /// A text from two literals, English first.
    pub const fn new(en: &'static str, zh: &'static str) -> Self {
        Text {
            en: Cow::Borrowed(en),
            zh: Cow::Borrowed(zh),
        }
    }

    /// A text from two strings made at run time.
    pub fn owned(en: String, zh: String) -> Self {
        Text {
            en: Cow::Owned(en),
            zh: Cow::Owned(zh),
        }
    }

    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        lang.pick(&self.en, &self.zh)
    }
}

/// Shorthand for a static [`Text`]: English first, then Chinese.
pub const fn t(en: &'static str, zh: &'static str) -> Text {
    Text::new(en, zh)
}

/// A machine code and its words in each language. Traces and files carry the
/// code; narration and the interface show the words.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Tag {
    pub code: Cow<'static, str>,
    pub text: Text,
}

impl Tag {
    pub const fn new(code: &'static str, en: &'static str, zh: &'static str) -> Self {
        Tag {
            code: Cow::Borrowed(code),
            text: Text::new(en, zh),
        }
    }

    /// The words in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        self.text.get(lang)
    }
}

impl Serialize for Tag {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn browser_tags_map_to_languages() {
        assert_eq!(Lang::from_tag("zh-CN"), Some(Lang::Zh));
        assert_eq!(Lang::from_tag("zh_Hans"), Some(Lang::Zh));
        assert_eq!(Lang::from_tag("en-GB"), Some(Lang::En));
        assert_eq!(Lang::from_tag("fr"), None);
        assert_eq!(Lang::from_tag(""), None);
    }
}
