//! The certificate of mission: a page to read and print, and the same words as a PDF to send
//! (EN/FR by the reader's language), for the expert and staff once the mission ended.

use super::mission_view::visible;
use crate::auth::CurrentUser;
use crate::page::{PageContext, render};
use crate::{AppError, AppState};
use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use passerelle_core::Timestamp;
use passerelle_missions::Party;
use passerelle_missions::lifecycle::{Mission, logistics};
use passerelle_missions::reports;
use passerelle_pdf::{Block, Document};

/// What a certificate says, in the reader's language.
struct Certificate {
    mission: Mission,
    expert: String,
    days: String,
    programme: String,
    funder: String,
    place: String,
    mode: String,
    on_site_days: i64,
    remote_days: i64,
    trained: u32,
    reached: u32,
    issued: String,
    reference: String,
}

#[derive(Template)]
#[template(path = "pipeline/certificate.html")]
struct CertificatePage {
    page: PageContext,
    certificate: Certificate,
}

async fn certificate(
    state: &AppState,
    page: &PageContext,
    actor: &passerelle_accounts::Actor,
    id: &str,
) -> Result<Certificate, AppError> {
    let (mission, party) = visible(state, actor, id).await?;
    if !matches!(party, Party::Staff | Party::Expert) {
        return Err(AppError::Forbidden);
    }
    if !mission.status.ended() {
        return Err(AppError::Conflict {
            detail: format!("a certificate is issued once the mission is completed; it is {}", mission.status),
            allowed: vec![],
        });
    }
    let Some(expert) = mission.expert_name.clone() else { return Err(AppError::NotFound) };
    let programme = passerelle_missions::programmes::get(&state.db, mission.programme).await?;
    let ran = mission.ran(Timestamp::now().date()).unwrap_or(mission.planned);
    let (on_site_days, remote_days) = logistics::expert_days(mission.mode, &mission.phases, ran, ran);
    let report = reports::get(&state.db, mission.id).await?;
    let (trained, reached) = report.map_or((0, 0), |r| (r.fields.trained(), r.fields.reached()));
    Ok(Certificate {
        expert,
        days: super::list::days_text(page, ran),
        programme: programme.as_ref().map(|p| p.name.get(page.locale).to_owned()).unwrap_or_default(),
        funder: programme.map(|p| p.funder).unwrap_or_default(),
        place: super::list::line(page, &mission).place,
        mode: page.t(&format!("request-mode-{}", mission.mode.code())),
        on_site_days,
        remote_days,
        trained,
        reached,
        issued: page.date(Timestamp::now().date()),
        reference: mission.id.to_string(),
        mission,
    })
}

pub async fn page(
    State(state): State<AppState>,
    page: PageContext,
    CurrentUser(actor): CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let certificate = certificate(&state, &page, &actor, &id).await?;
    render(&CertificatePage { certificate, page })
}

pub async fn pdf(
    State(state): State<AppState>,
    page: PageContext,
    CurrentUser(actor): CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let c = certificate(&state, &page, &actor, &id).await?;
    let title = page.t("certificate-title");
    let brand = [page.t("site-name"), c.programme.clone()].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>();
    let mut document = Document::new(format!("{title} — {}", c.expert), page.lang(), brand.join(" · "));
    document.centered = true;
    let mut facts = vec![
        (page.t("request-place"), c.place.clone()),
        (page.t("mission-actual"), c.days.clone()),
        (page.t("request-field-mode"), c.mode.clone()),
        (
            page.t("certificate-expert-days"),
            page.t2("certificate-days-split", "on_site", c.on_site_days, "remote", c.remote_days),
        ),
    ];
    if c.trained > 0 || c.reached > 0 {
        facts.push((
            page.t("certificate-impact"),
            page.t2("certificate-impact-text", "trained", c.trained, "reached", c.reached),
        ));
    }
    if !c.funder.is_empty() {
        facts.push((page.t("certificate-funder"), c.funder.clone()));
    }
    document
        .push(Block::Brand(brand.join(" · ")))
        .push(Block::Title(title.clone()))
        .push(Block::Paragraph(page.t("certificate-certifies")))
        .push(Block::Lead(c.expert.clone()))
        .push(Block::Paragraph(page.t2(
            "certificate-carried-out",
            "mission",
            &c.mission.request_title,
            "institution",
            &c.mission.institution_name,
        )))
        .push(Block::Facts(facts))
        .push(Block::Paragraph(page.t1("certificate-issued", "date", &c.issued)))
        .push(Block::Note(page.t1("certificate-reference", "reference", &c.reference)));
    crate::pdf_out::respond(document, &format!("{title} — {}", c.expert)).await
}
