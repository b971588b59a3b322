//! Who is asking: a session cookie (browsers) or a bearer token (the API), recognised once per
//! request and put in the request extensions as [`Auth`]. Every visitor also gets a CSRF token:
//! their session's, or for a visitor not signed in, one kept in a cookie of its own.
//!
//! The extractors [`CurrentUser`] and [`MaybeUser`] give handlers the [`Actor`]; a handler that
//! needs a signed-in person asks for `CurrentUser`, and an anonymous request is answered 401
//! (API) or sent to the sign-in page (browser).

use crate::{AppError, AppState};
use axum::extract::{ConnectInfo, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use passerelle_accounts::{Actor, api_tokens, secret, sessions};
use std::net::{IpAddr, Ipv4Addr, SocketAddr};

/// How the request was authenticated.
#[derive(Debug, Clone)]
pub enum Auth {
    Anonymous { csrf: String },
    Session { actor: Actor, session_id: String, csrf: String },
    Token { actor: Actor },
}

impl Auth {
    pub fn actor(&self) -> Option<&Actor> {
        match self {
            Auth::Anonymous { .. } => None,
            Auth::Session { actor, .. } | Auth::Token { actor } => Some(actor),
        }
    }

    /// The token a state-changing form or call must carry (`None` for bearer tokens, which
    /// are not sent by browsers on their own).
    pub fn csrf(&self) -> Option<&str> {
        match self {
            Auth::Anonymous { csrf } | Auth::Session { csrf, .. } => Some(csrf),
            Auth::Token { .. } => None,
        }
    }
}

/// The names of our cookies: `__Host-` prefixed (HTTPS only, this host only, path `/`) unless
/// the server runs with insecure cookies for plain-HTTP local use.
#[derive(Debug, Clone, Copy)]
pub struct CookieNames {
    pub session: &'static str,
    pub csrf: &'static str,
}

impl CookieNames {
    pub fn new(secure: bool) -> Self {
        if secure {
            Self { session: "__Host-passerelle-session", csrf: "__Host-passerelle-csrf" }
        } else {
            Self { session: "passerelle-session", csrf: "passerelle-csrf" }
        }
    }
}

/// Builds a `Set-Cookie` value with our attributes: `Path=/`, `HttpOnly`, `SameSite=Lax`, and
/// `Secure` unless cookies are insecure. `max_age` of zero deletes the cookie.
pub fn set_cookie(secure: bool, name: &str, value: &str, max_age: Option<time::Duration>) -> Option<HeaderValue> {
    let mut cookie = cookie::Cookie::build((name.to_owned(), value.to_owned()))
        .path("/")
        .http_only(true)
        .same_site(cookie::SameSite::Lax)
        .secure(secure)
        .build();
    if let Some(age) = max_age {
        cookie.set_max_age(time::Duration::seconds(age.whole_seconds()));
    }
    HeaderValue::from_str(&cookie.to_string()).ok()
}

pub fn read_cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(cookie::Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|c| c.name() == name)
        .map(|c| c.value().to_owned())
}

fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
}

/// Middleware: recognises the session or the token and puts [`Auth`] in the request's and the
/// response's extensions.
pub async fn identify(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let names = CookieNames::new(state.config.secure_cookies);
    let headers = request.headers();
    let mut new_csrf_cookie = None;
    let auth = if let Some(token) = bearer(headers) {
        match api_tokens::recognise(&state.db, token).await {
            Ok(Some(actor)) => Auth::Token { actor },
            // Unknown, revoked, or its owner disabled: 401 whatever the route.
            Ok(None) => return AppError::Unauthenticated.into_response(),
            Err(error) => return AppError::from(error).into_response(),
        }
    } else {
        let session = match read_cookie(headers, names.session) {
            Some(token) => match sessions::recognise(&state.db, &token, state.config.session).await {
                Ok(found) => found,
                Err(error) => return AppError::from(error).into_response(),
            },
            None => None,
        };
        match session {
            Some(current) => Auth::Session { actor: current.actor, session_id: current.id, csrf: current.csrf },
            None => {
                let csrf = read_cookie(headers, names.csrf).filter(|c| c.len() >= 32).unwrap_or_else(|| {
                    let fresh = secret::new_token("");
                    new_csrf_cookie = Some(fresh.clone());
                    fresh
                });
                Auth::Anonymous { csrf }
            }
        }
    };
    let mut auth = auth;
    // A language chosen in the header is saved on the account, so that emails follow it too.
    if let Auth::Session { actor, .. } = &mut auth
        && let Some(chosen) = crate::i18n::from_query(request.uri())
        && chosen != actor.locale
    {
        if let Err(error) = passerelle_accounts::users::set_locale(&state.db, actor.user_id, chosen).await {
            return AppError::from(error).into_response();
        }
        actor.locale = chosen;
    }
    request.extensions_mut().insert(auth.clone());
    let mut response = next.run(request).await;
    // The error renderer, outside this layer, draws its pages for this person.
    response.extensions_mut().insert(auth);
    if let Some(csrf) = new_csrf_cookie
        && let Some(value) = set_cookie(state.config.secure_cookies, names.csrf, &csrf, None)
    {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}

/// The signed-in person. Rejects anonymous requests with [`AppError::Unauthenticated`].
pub struct CurrentUser(pub Actor);

impl<S: Send + Sync> FromRequestParts<S> for CurrentUser {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, AppError> {
        parts.extensions.get::<Auth>().and_then(Auth::actor).cloned().map(CurrentUser).ok_or(AppError::Unauthenticated)
    }
}

/// The signed-in person, if any.
pub struct MaybeUser(pub Option<Actor>);

impl<S: Send + Sync> FromRequestParts<S> for MaybeUser {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(MaybeUser(parts.extensions.get::<Auth>().and_then(Auth::actor).cloned()))
    }
}

/// The session of a signed-in browser (for logout and "end my other sessions").
pub struct CurrentSession {
    pub actor: Actor,
    pub id: String,
}

impl<S: Send + Sync> FromRequestParts<S> for CurrentSession {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, AppError> {
        match parts.extensions.get::<Auth>() {
            Some(Auth::Session { actor, session_id, .. }) => {
                Ok(CurrentSession { actor: actor.clone(), id: session_id.clone() })
            }
            Some(Auth::Token { .. }) => Err(AppError::Forbidden),
            _ => Err(AppError::Unauthenticated),
        }
    }
}

/// The client's address, as the connection shows it.
#[derive(Debug, Clone, Copy)]
pub struct ClientIp(pub IpAddr);

impl<S: Send + Sync> FromRequestParts<S> for ClientIp {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(ClientIp(client_ip(parts)))
    }
}

pub fn client_ip(parts: &Parts) -> IpAddr {
    parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |ConnectInfo(addr)| addr.ip())
}

/// Refuses unless `allowed`; staff-only pages answer 403 to people who are signed in.
pub(crate) fn require(allowed: bool) -> Result<(), AppError> {
    if allowed { Ok(()) } else { Err(AppError::Forbidden) }
}
