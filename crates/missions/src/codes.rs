//! Closed lists of this crate (statuses, modes, urgencies…) travel as stable snake_case codes
//! in forms, JSON and the database. One macro gives each its `code`, `parse`, `ALL`, `Display`
//! and serde through the code.

macro_rules! code_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident ($what:literal, $error:literal) {
            $($(#[$vmeta:meta])* $variant:ident => $code:literal,)+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            pub fn code(self) -> &'static str {
                match self {
                    $($name::$variant => $code,)+
                }
            }

            pub fn parse(text: &str) -> Result<$name, passerelle_core::ParseError> {
                let text = text.trim();
                Self::ALL.iter().copied().find(|v| v.code() == text).ok_or_else(|| {
                    let codes: Vec<&str> = Self::ALL.iter().map(|v| v.code()).collect();
                    passerelle_core::ParseError::new(
                        $error,
                        format!("{text:?} is not {} ({})", $what, codes.join(", ")),
                    )
                })
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.code())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.code())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(deserializer)?;
                $name::parse(&text).map_err(serde::de::Error::custom)
            }
        }
    };
}

pub(crate) use code_enum;

/// A problem of an input field caused by a value of a core type that did not parse, under a
/// code of this capability (`request.language_unknown` for `language.unknown`): the web layer
/// translates codes by name, and ours must not collide with other capabilities' catalogues.
pub(crate) fn field_problem(
    prefix: &str,
    field: impl Into<String>,
    error: &passerelle_core::ParseError,
) -> passerelle_core::FieldError {
    let code = match error.code().strip_prefix(prefix).and_then(|rest| rest.strip_prefix('.')) {
        // Already one of ours (`request.mode_unknown`).
        Some(_) => error.code().to_owned(),
        None => format!("{prefix}.{}", error.code().replace('.', "_")),
    };
    passerelle_core::FieldError::new(field, code, error.message())
}
