//! Sign-up: as a diaspora expert, or as a member of a host institution (new, or existing and
//! then pending until a member or a coordinator confirms).
//!
//! The kind of account is chosen first (`/signup`, then `/signup?as=expert` or
//! `?as=institution`), so that each person reads only the fields that concern them, in any
//! browser and without JavaScript: an expert never sees the institution's block.

use crate::auth::ClientIp;
use crate::form_errors::FormErrors;
use crate::mail::{Letter, link};
use crate::page::{PageContext, message, render};
use crate::{AppError, AppState};
use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use passerelle_accounts::audit::{self, Event, actions};
use passerelle_accounts::email_tokens::{self, Purpose};
use passerelle_accounts::users::{self, CreateError, Membership, NewUser};
use passerelle_accounts::{Role, password};
use passerelle_core::{Email, FieldError, InstitutionId, Problems};
use passerelle_missions::institutions::{self, InstitutionInput, Kind, Verification};
use serde::Deserialize;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SignupInput {
    pub account_type: String,
    pub name: String,
    pub email: String,
    pub password: String,
    pub locale: String,
    pub institution_mode: String,
    pub institution_id: String,
    // Named as the fields of the institution form (and their errors), `institution.name`…
    #[serde(rename = "institution.name")]
    pub institution_name: String,
    #[serde(rename = "institution.kind")]
    pub institution_kind: String,
    #[serde(rename = "institution.country")]
    pub institution_country: String,
    #[serde(rename = "institution.city")]
    pub institution_city: String,
}

/// The kind of account the form is for: `expert`, `institution`, or empty (the first step).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SignupQuery {
    #[serde(rename = "as")]
    kind: String,
}

#[derive(Template)]
#[template(path = "account/signup.html")]
struct SignupPage {
    page: PageContext,
    form: FormErrors,
    input: SignupInput,
    /// `expert` or `institution`; empty for the first step (the choice).
    kind: &'static str,
    institutions: Vec<(InstitutionId, String)>,
    kinds: Vec<(&'static str, String)>,
    countries: Vec<(&'static str, &'static str)>,
}

async fn page_with(
    state: &AppState,
    page: PageContext,
    form: FormErrors,
    input: SignupInput,
) -> Result<SignupPage, AppError> {
    let query = institutions::Query { limit: 1000, ..Default::default() };
    let (list, _) = institutions::search(&state.db, &query).await?;
    let institutions = list
        .into_iter()
        .filter(|i| i.verification != Verification::Rejected)
        .map(|i| {
            let label = format!("{} — {}, {}", i.name, i.city, i.country.name(page.locale));
            (i.id, label)
        })
        .collect();
    let kinds = Kind::ALL.iter().map(|k| (k.code(), page.t(&format!("institution-kind-{}", k.code())))).collect();
    let countries = crate::choices::countries(page.locale);
    let kind = match input.account_type.as_str() {
        "expert" => "expert",
        "institution" => "institution",
        _ => "",
    };
    Ok(SignupPage { page, form, input, kind, institutions, kinds, countries })
}

pub async fn show(
    State(state): State<AppState>,
    page: PageContext,
    Query(query): Query<SignupQuery>,
) -> Result<Response, AppError> {
    let locale = page.locale;
    let input = SignupInput { account_type: query.kind, ..SignupInput::default() };
    render(&page_with(&state, page, FormErrors::none(locale), input).await?)
}

/// What a valid sign-up asks for.
enum Joining {
    Nothing,
    Existing(InstitutionId),
    New(institutions::InstitutionFields),
}

pub async fn submit(
    State(state): State<AppState>,
    page: PageContext,
    ClientIp(ip): ClientIp,
    Form(input): Form<SignupInput>,
) -> Result<Response, AppError> {
    if let Err(not_until) = state.guards.signup.check_key(&ip) {
        let wait = not_until.wait_time_from(governor::clock::Clock::now(&governor::clock::DefaultClock::default()));
        return Err(AppError::TooManyRequests { retry_after_secs: wait.as_secs().max(1) });
    }
    let mut p = Problems::new();
    let role = match input.account_type.as_str() {
        "expert" => Some(Role::Expert),
        "institution" => Some(Role::Institution),
        _ => {
            p.push(FieldError::new("account_type", "account_type.unknown", "choose expert or institution"));
            None
        }
    };
    let name = p.text("name", &input.name, 200, true);
    let email = p.parse("email", &input.email, Email::parse);
    if let Some(email) = &email
        && let Err(weakness) = password::check(&input.password, email.as_str())
    {
        p.push(FieldError::new("password", weakness.code(), weakness.message()));
    }
    let locale = super::chosen_locale(&input.locale, page.locale);
    let joining = if role == Some(Role::Institution) {
        if input.institution_mode == "new" {
            let institution = InstitutionInput {
                name: input.institution_name.clone(),
                kind: input.institution_kind.clone(),
                country: input.institution_country.clone(),
                city: input.institution_city.clone(),
                ..Default::default()
            };
            match institution.validate("institution.") {
                Ok(fields) => Joining::New(fields),
                Err(errors) => {
                    errors.into_iter().for_each(|e| p.push(e));
                    Joining::Nothing
                }
            }
        } else {
            let known = match InstitutionId::parse(&input.institution_id) {
                Ok(id) => institutions::get(&state.db, id).await?.filter(|i| i.verification != Verification::Rejected),
                Err(_) => None,
            };
            match known {
                Some(institution) => Joining::Existing(institution.id),
                None => {
                    p.push(FieldError::new(
                        "institution_id",
                        "institution.unknown",
                        "choose an institution from the list",
                    ));
                    Joining::Nothing
                }
            }
        }
    } else {
        Joining::Nothing
    };
    let (Some(role), Some(email), true) = (role, email, p.is_empty()) else {
        let form = FormErrors::new(page.locale, p.into_vec());
        let input = SignupInput { password: String::new(), ..input };
        let page = page_with(&state, page, form, input).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response());
    };

    let password_hash = password::hash(input.password).await?;
    let mut tx = state.db.begin().await?;
    let institution = match joining {
        Joining::Nothing => None,
        Joining::Existing(id) => Some((id, Membership::Pending)),
        // The first member of a new institution is its member at once; the institution itself
        // awaits a coordinator's verification.
        Joining::New(fields) => Some((institutions::create(&mut tx, &fields).await?, Membership::Active)),
    };
    let new_user =
        NewUser { email: email.clone(), name, role, password_hash, locale, institution, email_verified: false };
    match users::insert(&mut tx, &new_user).await {
        Ok(user) => {
            let token = email_tokens::issue(&mut tx, user.id, Purpose::VerifyEmail).await?;
            Letter::to(locale, &user.name)
                .say("email-verify-body")
                .link(link(&state, &format!("/verify-email?token={token}")))
                .queue(&mut tx, &user.email, "email-verify-subject", &[])
                .await?;
            let id = user.id.to_string();
            let ip = ip.to_string();
            let event =
                Event { actor: Some(user.id), actor_label: user.email.as_str(), ..Event::by(None, actions::SIGNUP) }
                    .on("user", &id)
                    .from_ip(&ip)
                    .detail(role.code());
            audit::record(&mut tx, &event).await?;
            tx.commit().await?;
        }
        Err(CreateError::EmailTaken) => {
            // Same answer as a new account, so that sign-up does not reveal who has one; the
            // owner of the address learns that someone tried.
            drop(tx);
            let mut tx = state.db.begin().await?;
            if let Some(existing) = users::by_email(&state.db, &email).await? {
                Letter::to(existing.locale, &existing.name)
                    .say("email-exists-body")
                    .link(link(&state, "/login"))
                    .queue(&mut tx, &existing.email, "email-exists-subject", &[])
                    .await?;
            }
            tx.commit().await?;
        }
        Err(CreateError::Database(e)) => return Err(e.into()),
    }
    state.mail_queued.notify_one();
    let mut text = vec![page.t1("signup-done-text", "email", &email)];
    // A profile already carries this email (an import, a survey): it is claimed once the email
    // is verified, instead of a second profile.
    if role == Role::Expert && !passerelle_profiles::join::claimable(&state.db, &email).await?.is_empty() {
        text.push(page.t("signup-claim-hint"));
    }
    let sign_in = page.t("nav-sign-in");
    message(page.t("signup-done-title"), text, Some(("/login", sign_in)), page)
}
