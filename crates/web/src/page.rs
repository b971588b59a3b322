//! What every HTML page knows about the request it answers: the language, the path (for the
//! language switch and the current navigation item), and later the signed-in person.

use crate::{AppError, assets, i18n};
use askama::Template;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::response::{Html, IntoResponse, Response};
use passerelle_core::Locale;

pub struct PageContext {
    pub locale: Locale,
    /// The path of this page, without the query string.
    pub path: String,
}

/// A link to this same page in one of our languages.
pub struct Alternate {
    pub code: &'static str,
    pub name: &'static str,
    pub href: String,
    pub current: bool,
}

impl PageContext {
    pub fn lang(&self) -> &'static str {
        self.locale.code()
    }

    /// The message `key` in the page's language.
    pub fn t(&self, key: &str) -> String {
        i18n::text(self.locale, key)
    }

    /// The message `key` with one argument.
    pub fn t1(&self, key: &str, name: &str, value: impl ToString) -> String {
        i18n::text_with(self.locale, key, &[(name, value.to_string())])
    }

    /// The versioned URL of a static asset.
    pub fn asset(&self, name: &str) -> String {
        assets::href(name)
    }

    /// This page in every language we speak, for the language switch and `hreflang` links.
    pub fn alternates(&self) -> Vec<Alternate> {
        Locale::ALL
            .into_iter()
            .map(|locale| Alternate {
                code: locale.code(),
                name: match locale {
                    Locale::En => "English",
                    Locale::Fr => "Français",
                },
                href: format!("{}?lang={}", self.path, locale.code()),
                current: locale == self.locale,
            })
            .collect()
    }
}

impl<S: Send + Sync> FromRequestParts<S> for PageContext {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(Self::from_parts(parts))
    }
}

impl PageContext {
    pub(crate) fn from_parts(parts: &Parts) -> Self {
        let locale = parts.extensions.get::<Locale>().copied().unwrap_or_default();
        PageContext { locale, path: parts.uri.path().to_owned() }
    }
}

/// Renders a template into an HTML response; a template error becomes a logged 500.
pub fn render(template: &impl Template) -> Result<Response, AppError> {
    let html = template.render().map_err(|e| AppError::Internal(anyhow::anyhow!("template: {e}")))?;
    Ok(Html(html).into_response())
}
