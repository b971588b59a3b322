//! What every HTML page knows about the request it answers: the language, the path (for the
//! language switch and the current navigation item), the signed-in person and the CSRF token
//! its forms carry.

use crate::auth::{Auth, read_cookie};
use crate::{AppError, assets, i18n};
use askama::Template;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, Uri, header};
use axum::response::{Html, IntoResponse, Response};
use passerelle_accounts::{Actor, Role};
use passerelle_core::Locale;

pub struct PageContext {
    pub locale: Locale,
    /// The path of this page, without the query string.
    pub path: String,
    pub user: Option<Actor>,
    /// The token every state-changing form of this page carries.
    pub csrf: String,
}

/// A link to this same page in one of our languages.
pub struct Alternate {
    pub code: &'static str,
    pub name: &'static str,
    pub href: String,
    pub current: bool,
}

/// An entry of the main navigation.
pub struct NavItem {
    pub href: &'static str,
    pub label: String,
    pub current: bool,
}

impl PageContext {
    pub(crate) fn new(uri: &Uri, headers: &HeaderMap, auth: Option<&Auth>) -> Self {
        PageContext {
            locale: locale_for(uri, headers, auth),
            path: uri.path().to_owned(),
            user: auth.and_then(Auth::actor).cloned(),
            csrf: auth.and_then(Auth::csrf).unwrap_or_default().to_owned(),
        }
    }

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

    /// The message `key` with two arguments.
    pub fn t2(&self, key: &str, a: &str, a_value: impl ToString, b: &str, b_value: impl ToString) -> String {
        i18n::text_with(self.locale, key, &[(a, a_value.to_string()), (b, b_value.to_string())])
    }

    /// A text people wrote in English, French or both (a programme's name): in the page's
    /// language when written in it, else in the other one.
    pub fn bilingual<'a>(&self, text: &'a passerelle_core::Bilingual) -> &'a str {
        text.get(self.locale)
    }

    /// The language of what [`bilingual`](Self::bilingual) shows when it is not the page's, for
    /// the `lang` attribute of the element that holds it.
    pub fn bilingual_lang(&self, text: &passerelle_core::Bilingual) -> Option<&'static str> {
        text.other_lang(self.locale)
    }

    /// The versioned URL of a static asset.
    pub fn asset(&self, name: &str) -> String {
        assets::href(name)
    }

    pub fn signed_in(&self) -> bool {
        self.user.is_some()
    }

    pub fn role(&self) -> Option<Role> {
        self.user.as_ref().map(|u| u.role)
    }

    pub fn is_staff(&self) -> bool {
        self.user.as_ref().is_some_and(Actor::is_staff)
    }

    pub fn is_admin(&self) -> bool {
        self.role() == Some(Role::Admin)
    }

    /// The main navigation for this person.
    pub fn nav(&self) -> Vec<NavItem> {
        let mut items: Vec<(&'static str, &str)> = vec![("/", "nav-home")];
        if let Some(user) = &self.user {
            items.push(("/home", "nav-todo"));
            if user.role == Role::Expert {
                items.push(("/profile", "nav-profile"));
                items.push(("/invitations", "nav-invitations"));
                items.push(("/missions", "nav-my-missions"));
            }
            if user.institution.is_some() {
                items.push(("/my-institution", "nav-my-institution"));
            }
            // Mission requests and programmes: members and staff.
            if user.institution.is_some() || user.is_staff() {
                items.push(("/requests", if user.is_staff() { "nav-review-queue" } else { "nav-our-requests" }));
            }
            if user.institution.is_some() && !user.is_staff() {
                items.push(("/candidates", "nav-candidates-to-approve"));
                items.push(("/missions", "nav-missions-to-evaluate"));
            }
            if user.is_staff() {
                items.push(("/candidates", "nav-candidates"));
                items.push(("/missions", "nav-missions"));
                items.push(("/calls", "nav-calls"));
                items.push(("/dashboard", "nav-dashboard"));
                items.push(("/programmes", "nav-programmes"));
                items.push(("/institutions", "nav-institutions"));
                items.push(("/experts", "nav-roster"));
                items.push(("/search", "nav-search"));
            } else if user.institution.is_some() {
                items.push(("/programmes", "nav-programmes"));
            }
            if user.role == Role::Admin {
                items.push(("/admin/users", "nav-admin-users"));
                items.push(("/admin/audit", "nav-admin-audit"));
            }
            items.push(("/account", "nav-account"));
        }
        items
            .into_iter()
            .map(|(href, key)| NavItem {
                href,
                label: self.t(key),
                current: if href == "/" { self.path == "/" } else { self.path.starts_with(href) },
            })
            .collect()
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

    /// A date in the page's language: "27 November 2026" / "27 novembre 2026".
    pub fn date(&self, date: time::Date) -> String {
        crate::format::date(self.locale, date)
    }

    /// A date with the month in short: "19 Dec 2026" / "19 déc. 2026".
    pub fn short_date(&self, date: time::Date) -> String {
        crate::format::short_date(self.locale, date)
    }

    /// A CEFR level in short: "B2", or "native" in the page's language.
    pub fn cefr(&self, level: passerelle_core::Cefr) -> String {
        match level {
            passerelle_core::Cefr::Native => self.t("cefr-native-short"),
            other => other.code().to_owned(),
        }
    }

    /// A moment in the page's language, on the reader's clock (their time zone; UTC for
    /// visitors): "27 November 2026, 11:36 CAT".
    pub fn moment(&self, at: &passerelle_core::Timestamp) -> String {
        match &self.user {
            Some(user) => crate::format::moment_in(self.locale, *at, &user.time_zone),
            None => crate::format::moment(self.locale, *at),
        }
    }

    /// A whole number with the locale's grouping: "12,345" / "12 345".
    pub fn number(&self, n: impl Into<i64>) -> String {
        crate::format::number(self.locale, n.into())
    }

    /// An amount in hundredths of `currency`: "EUR 12,500" / "12 500 EUR".
    pub fn money(&self, cents: i64, currency: passerelle_core::Currency) -> String {
        crate::format::money(self.locale, cents, currency)
    }

    /// A number with `digits` decimals, in the locale's way: "4.9" / "4,9".
    pub fn decimal(&self, x: impl Into<f64>, digits: usize) -> String {
        crate::format::decimal(self.locale, x.into(), digits)
    }
}

impl<S: Send + Sync> FromRequestParts<S> for PageContext {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(PageContext::new(&parts.uri, &parts.headers, parts.extensions.get::<Auth>()))
    }
}

/// Renders a template into an HTML response; a template error becomes a logged 500.
pub fn render(template: &impl Template) -> Result<Response, AppError> {
    let html = template.render().map_err(|e| AppError::Internal(anyhow::anyhow!("template: {e}")))?;
    Ok(Html(html).into_response())
}

#[derive(Template)]
#[template(path = "message.html")]
struct MessagePage {
    page: PageContext,
    title: String,
    paragraphs: Vec<String>,
    link: Option<(&'static str, String)>,
}

/// A page that only tells something (with, perhaps, a button to go on).
pub fn message(
    title: String,
    paragraphs: Vec<String>,
    link: Option<(&'static str, String)>,
    page: PageContext,
) -> Result<Response, AppError> {
    render(&MessagePage { page, title, paragraphs, link })
}

/// The language of a request: `?lang=`, then the `lang` cookie (the last explicit choice on this
/// browser), then the signed-in person's setting, then `Accept-Language`, then English.
pub(crate) fn locale_for(uri: &Uri, headers: &HeaderMap, auth: Option<&Auth>) -> Locale {
    i18n::from_query(uri)
        .or_else(|| read_cookie(headers, i18n::LANG_COOKIE).and_then(|v| Locale::parse(&v).ok()))
        .or_else(|| auth.and_then(Auth::actor).map(|a| a.locale))
        .or_else(|| {
            headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).and_then(Locale::from_accept_language)
        })
        .unwrap_or_default()
}
