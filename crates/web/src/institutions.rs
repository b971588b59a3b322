//! Institution pages: the list (staff), the profile with its verification and its requests,
//! the description form (members and staff), and the coordinator's verdict.

use crate::auth::require;
use crate::auth::{ClientIp, CurrentUser};
use crate::form_errors::FormErrors;
use crate::form_errors::Shown;
use crate::forms::FormPairs;
use crate::forms::url_encode;
use crate::page::{PageContext, render};
use crate::pager::Pager;
use crate::routes::Routes;
use crate::visible::institution as visible;
use crate::{AppError, AppState};
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use passerelle_accounts::{Actor, users};
use passerelle_core::Country;
use passerelle_missions::institutions::Kind;
use passerelle_missions::institutions::{self, Institution, InstitutionAction, InstitutionInput, Verification, can};
use passerelle_missions::requests::{self, Sort};
use serde::Deserialize;

pub(crate) fn routes() -> Routes {
    Routes::new()
        .get("/institutions", "institution.list", list)
        .reads::<ListQuery>()
        .get("/institutions/new", "institution.new.form", new_form)
        .post("/institutions/new", "institution.create", create)
        .get("/institutions/{id}", "institution.view", show)
        .get("/institutions/{id}/edit", "institution.edit.form", edit_form)
        .post("/institutions/{id}/edit", "institution.edit", edit)
        .post("/institutions/{id}/verification", "institution.verify", verify)
}

/// Every kind of institution: (code, name).
pub(crate) fn kinds(page: &PageContext) -> Vec<(&'static str, String)> {
    Kind::ALL.iter().map(|k| (k.code(), page.t(&format!("institution-kind-{}", k.code())))).collect()
}

pub(crate) fn verification_label(page: &PageContext, verification: Verification) -> String {
    page.t(&format!("institution-verification-{}", verification.code()))
}

pub(crate) fn verification_class(verification: Verification) -> &'static str {
    match verification {
        Verification::Unverified => "warn",
        Verification::Verified => "ok",
        Verification::Rejected => "error",
    }
}

const PAGE_SIZE: u32 = 50;

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(default)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    q: String,
    country: String,
    verification: String,
    /// From 1 to 10,000.
    #[param(minimum = 1, maximum = 10000)]
    page: Option<u32>,
    done: Option<String>,
}

pub struct Row {
    pub institution: Institution,
    pub kind: String,
    pub country: &'static str,
    pub verification: String,
    pub verification_class: &'static str,
}

#[derive(Template)]
#[template(path = "missions/institutions.html")]
struct ListPage {
    page: PageContext,
    query: ListQuery,
    rows: Vec<Row>,
    total: u64,
    countries: Vec<(&'static str, &'static str)>,
    verifications: Vec<(&'static str, String)>,
    pager: Pager,
}

fn row(page: &PageContext, institution: Institution) -> Row {
    Row {
        kind: page.t(&format!("institution-kind-{}", institution.kind.code())),
        country: institution.country.name(page.locale),
        verification: verification_label(page, institution.verification),
        verification_class: verification_class(institution.verification),
        institution,
    }
}

pub async fn list(
    State(state): State<AppState>,
    page: PageContext,
    CurrentUser(actor): CurrentUser,
    crate::query::Query(query): crate::query::Query<ListQuery>,
) -> Result<Response, AppError> {
    require(can(&actor, InstitutionAction::List, None))?;
    let number = query.page.unwrap_or(1).max(1);
    let search = institutions::Query {
        text: Some(query.q.clone()).filter(|q| !q.trim().is_empty()),
        country: Country::parse(&query.country).ok(),
        verification: Verification::parse(&query.verification).ok(),
        offset: (number - 1) * PAGE_SIZE,
        limit: PAGE_SIZE,
    };
    let (found, total) = institutions::search(&state.db, &search).await?;
    let rows = found.into_iter().map(|i| row(&page, i)).collect();
    let base = format!(
        "/institutions?q={}&country={}&verification={}",
        url_encode(&query.q),
        url_encode(&query.country),
        url_encode(&query.verification)
    );
    let pager = Pager::new(&page, &base, number, total, PAGE_SIZE);
    let verifications = [Verification::Unverified, Verification::Verified, Verification::Rejected]
        .into_iter()
        .map(|v| (v.code(), verification_label(&page, v)))
        .collect();
    render(&ListPage {
        countries: crate::choices::countries(page.locale),
        verifications,
        page,
        query,
        rows,
        total,
        pager,
    })
}

#[derive(Template)]
#[template(path = "missions/institution_form.html")]
struct FormPage {
    page: PageContext,
    form: FormErrors,
    summary: Vec<Shown>,
    input: InstitutionInput,
    /// `None` for a new institution.
    institution: Option<Institution>,
    kinds: Vec<(&'static str, String)>,
    countries: Vec<(&'static str, &'static str)>,
    /// (code, label, checked)
    sectors: Vec<(&'static str, &'static str, bool)>,
}

fn form_page(
    page: PageContext,
    errors: Vec<passerelle_core::FieldError>,
    input: InstitutionInput,
    institution: Option<Institution>,
) -> FormPage {
    let errors = crate::form_errors::fold_list_errors(errors, &["sectors"]);
    let form = FormErrors::new(page.locale, errors);
    FormPage {
        summary: crate::form_errors::summary(&page, &form, |field| {
            let key = match field {
                "name" => "institution-name",
                "kind" => "institution-kind",
                "country" => "field-country",
                "city" => "field-city",
                "sectors" => "institution-sectors",
                "website" => "institution-website",
                "description" => "institution-description",
                "contact_name" => return crate::form_errors::both(&page, "institution-contact", "field-name"),
                "contact_email" => return crate::form_errors::both(&page, "institution-contact", "field-email"),
                "contact_phone" => return crate::form_errors::both(&page, "institution-contact", "institution-phone"),
                _ => return String::new(),
            };
            page.t(key)
        }),
        form,
        kinds: kinds(&page),
        countries: crate::choices::countries(page.locale),
        sectors: crate::choices::sectors(page.locale)
            .into_iter()
            .map(|(code, label)| (code, label, input.sectors.iter().any(|s| s == code)))
            .collect(),
        input,
        institution,
        page,
    }
}

fn input_from(pairs: &FormPairs) -> InstitutionInput {
    InstitutionInput {
        name: pairs.one("name"),
        kind: pairs.one("kind"),
        country: pairs.one("country"),
        city: pairs.one("city"),
        sectors: pairs.all("sectors"),
        website: pairs.one("website"),
        description: pairs.one("description"),
        contact_name: pairs.one("contact_name"),
        contact_email: pairs.one("contact_email"),
        contact_phone: pairs.one("contact_phone"),
    }
}

pub async fn new_form(page: PageContext, CurrentUser(actor): CurrentUser) -> Result<Response, AppError> {
    require(can(&actor, InstitutionAction::Create, None))?;
    render(&form_page(page, vec![], InstitutionInput::default(), None))
}

pub async fn create(
    State(state): State<AppState>,
    page: PageContext,
    CurrentUser(actor): CurrentUser,
    ClientIp(ip): ClientIp,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    require(can(&actor, InstitutionAction::Create, None))?;
    let input = input_from(&FormPairs(pairs));
    match input.validate("") {
        Ok(fields) => {
            let id = institutions::create_by(&state.db, &actor, &fields, &ip.to_string()).await?;
            Ok(Redirect::to(&format!("/institutions/{id}?done=created")).into_response())
        }
        Err(errors) => {
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&form_page(page, errors, input, None))?).into_response())
        }
    }
}

pub async fn edit_form(
    State(state): State<AppState>,
    page: PageContext,
    CurrentUser(actor): CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let institution = visible(&state, &actor, &id).await?;
    require(can(&actor, InstitutionAction::Edit, Some(institution.id)))?;
    render(&form_page(page, vec![], institution.to_input(), Some(institution)))
}

pub async fn edit(
    State(state): State<AppState>,
    page: PageContext,
    CurrentUser(actor): CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let institution = visible(&state, &actor, &id).await?;
    require(can(&actor, InstitutionAction::Edit, Some(institution.id)))?;
    let input = input_from(&FormPairs(pairs));
    match input.validate("") {
        Ok(fields) => {
            if !institutions::update_by(&state.db, &actor, institution.id, &fields, &ip.to_string()).await? {
                return Err(AppError::NotFound);
            }
            Ok(Redirect::to(&format!("/institutions/{}?done=saved", institution.id)).into_response())
        }
        Err(errors) => {
            let page = form_page(page, errors, input, Some(institution));
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
    }
}

#[derive(Template)]
#[template(path = "missions/institution.html")]
struct ProfilePage {
    page: PageContext,
    institution: Institution,
    kind: String,
    country: &'static str,
    sectors: Vec<&'static str>,
    verification: String,
    verification_class: &'static str,
    verified_by: String,
    can_edit: bool,
    can_verify: bool,
    notice: String,
    verify_errors: Vec<Shown>,
    requests: Vec<crate::requests::pages::Line>,
    requests_total: u64,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Done {
    done: Option<String>,
}

async fn profile(
    state: &AppState,
    page: PageContext,
    actor: &Actor,
    institution: Institution,
    notice: String,
    verify_errors: Vec<Shown>,
) -> Result<ProfilePage, AppError> {
    let verified_by = match institution.verified_by {
        Some(user) => users::by_id(&state.db, user).await?.map(|u| u.name).unwrap_or_default(),
        None => String::new(),
    };
    let query =
        requests::Query { institution: Some(institution.id), sort: Sort::Newest, limit: 20, ..Default::default() };
    let (found, requests_total) = requests::search(&state.db, &query).await?;
    let requests = found.into_iter().map(|s| crate::requests::pages::Line::new(&page, s)).collect();
    Ok(ProfilePage {
        kind: page.t(&format!("institution-kind-{}", institution.kind.code())),
        country: institution.country.name(page.locale),
        sectors: institution.sectors.iter().map(|s| s.label(page.locale)).collect(),
        verification: verification_label(&page, institution.verification),
        verification_class: verification_class(institution.verification),
        verified_by,
        can_edit: can(actor, InstitutionAction::Edit, Some(institution.id)),
        can_verify: can(actor, InstitutionAction::Verify, Some(institution.id)),
        notice,
        verify_errors,
        requests,
        requests_total,
        institution,
        page,
    })
}

pub async fn show(
    State(state): State<AppState>,
    page: PageContext,
    CurrentUser(actor): CurrentUser,
    Path(id): Path<String>,
    Query(done): Query<Done>,
) -> Result<Response, AppError> {
    let institution = visible(&state, &actor, &id).await?;
    let notice = crate::form_errors::notice(
        &page,
        done.done.as_deref(),
        &[
            ("created", "institution-created"),
            ("saved", "institution-saved"),
            ("verified", "institution-verified-done"),
            ("rejected", "institution-rejected-done"),
            ("unverified", "institution-unverified-done"),
        ],
    );
    render(&profile(&state, page, &actor, institution, notice, vec![]).await?)
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct VerifyInput {
    status: String,
    comment: String,
}

pub async fn verify(
    State(state): State<AppState>,
    page: PageContext,
    CurrentUser(actor): CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<String>,
    Form(input): Form<VerifyInput>,
) -> Result<Response, AppError> {
    let institution = visible(&state, &actor, &id).await?;
    require(can(&actor, InstitutionAction::Verify, Some(institution.id)))?;
    let mut problems = vec![];
    let status = Verification::parse(&input.status).ok();
    if status.is_none() {
        problems.push(Shown { field: "status".into(), message: page.t("institution-verify-choose") });
    }
    if let Err(error) = institutions::check_verification_comment(&input.comment) {
        let message = crate::form_errors::translate(page.locale, &error);
        problems.push(Shown { field: "comment".into(), message });
    }
    let Some(status) = status.filter(|_| problems.is_empty()) else {
        let page = profile(&state, page, &actor, institution, String::new(), problems).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response());
    };
    if !institutions::verify_by(&state.db, &actor, institution.id, status, &input.comment, &ip.to_string()).await? {
        return Err(AppError::NotFound);
    }
    // Its members are told: their emails are to be written.
    state.notifications_queued.notify_one();
    Ok(Redirect::to(&format!("/institutions/{}?done={}", institution.id, status.code())).into_response())
}
