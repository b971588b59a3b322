//! Seeds the demonstration programmes (`programmes.rs`) and mission requests (`needs.rs`) of the
//! demonstration institutions, modelled on the programmes the platform serves: skills-transfer
//! missions for the Great Lakes, Training of Trainers for Rwanda Polytechnic's colleges, urgent
//! calls for medical staff, temporary placements in Mauritanian public institutions, diaspora
//! investment coaching. Deterministic: the same names, places and stories every time, dates
//! relative to the day of seeding.
//!
//! Everything goes through the functions the web uses (validation, the store, the workflow),
//! so every request's history is in the audit log as if people had done it.

use super::institutions::Seeded;
use super::needs::{Path, Place, When};
use passerelle_accounts::Actor;
use passerelle_core::{RequestId, Timestamp};
use passerelle_db::Db;
use passerelle_missions::programmes;
use passerelle_missions::requests::{self, By, LanguageInput, RequestInput, SkillInput, Status};
use std::collections::HashMap;
use time::Duration;

/// One step of the workflow, as the web would take it.
async fn step(db: &Db, id: RequestId, by: By<'_>, to: Status, comment: &str) -> anyhow::Result<()> {
    requests::transition(db, by, id, to, comment, "").await?;
    Ok(())
}

/// A request the mission pipeline's demonstration walks on: approved (staffed and closed ones
/// are staffed by selecting experts, then closed, in `pipeline`).
pub struct Walked {
    pub id: RequestId,
    pub need: &'static super::needs::Need,
}

/// Seeds the programmes and the requests; `people` has a member for each institution (by slug).
/// Returns the approved requests, in the order of the needs, for the pipeline to walk on.
pub async fn seed(
    db: &Db,
    coordinator: &Actor,
    admin: &Actor,
    people: &HashMap<&'static str, Seeded>,
) -> anyhow::Result<Vec<Walked>> {
    let mut walked = Vec::new();
    let mut programme_ids = HashMap::new();
    let taxonomy = passerelle_taxonomy::Taxonomy::load(db).await?;
    for p in super::programmes::all()? {
        // Active: closed ones are closed once their requests are in.
        let input = p.input();
        let fields = input.validate().map_err(|e| anyhow::anyhow!("demo programme {}: {e:?}", p.code))?;
        let id = programmes::create(db, coordinator, &fields, "").await?;
        programme_ids.insert(p.code.as_str(), (id, fields, p.closed));
    }

    let today = Timestamp::now().date();
    let day = |offset: i64| (today + Duration::days(offset)).to_string();
    for (n, need) in super::needs::all()?.iter().enumerate() {
        let owner = people
            .get(need.institution.as_str())
            .ok_or_else(|| anyhow::anyhow!("demo request {n}: no institution {}", need.institution))?;
        let (programme, ..) = programme_ids
            .get(need.programme.as_str())
            .ok_or_else(|| anyhow::anyhow!("demo request {n}: no programme {}", need.programme))?;
        let (mode, days_on_site) = match need.place {
            Place::OnSite => ("on_site", String::new()),
            Place::Remote => ("remote", String::new()),
            Place::Hybrid { days_on_site } => ("hybrid", days_on_site.to_string()),
        };
        let institution = super::institutions::all()?.iter().find(|i| i.slug == need.institution);
        let (country, city) = match (need.place, institution) {
            (Place::Remote, _) | (_, None) => (String::new(), String::new()),
            (_, Some(i)) => (i.country.to_owned(), i.city.to_owned()),
        };
        let mut input = RequestInput {
            programme_id: programme.to_string(),
            title: need.title.clone(),
            description: need.description.clone(),
            objectives: need.objectives.clone(),
            deliverables: need.deliverables.clone(),
            sector: need.sector.clone(),
            skills: need
                .skills
                .iter()
                .map(|s| SkillInput {
                    skill: s.skill.clone(),
                    requirement: if s.must_have { "must_have".into() } else { "nice_to_have".into() },
                    level: s.min_level.to_string(),
                })
                .collect(),
            languages: need
                .languages
                .iter()
                .map(|l| LanguageInput { language: l.language.clone(), level: l.min_level.clone() })
                .collect(),
            preferred_origins: need.preferred_origins.clone(),
            country,
            city,
            mode: mode.into(),
            days_on_site,
            urgency: if need.urgent { "urgent".into() } else { "normal".into() },
            positions: need.positions.to_string(),
            host_provides: need.host_provides.clone(),
            ..Default::default()
        };
        match need.when {
            When::Fixed { starts_in_days: start, days } => {
                input.timing = "fixed".into();
                input.dates_start = day(start);
                input.dates_end = day(start + days - 1);
            }
            When::Window { opens_in_days: start, open_for_days: width, mission_days: duration } => {
                input.timing = "flexible".into();
                input.window_start = day(start);
                input.window_end = day(start + width - 1);
                input.window_duration_days = duration.to_string();
            }
        }
        let fields = requests::check(db, &taxonomy, &input, None)
            .await?
            .map_err(|e| anyhow::anyhow!("demo request {n} ({}): {e:?}", need.title))?;
        let member = &owner.actor;
        let id = requests::create(db, member, &fields, "").await?;
        let staff = if n % 3 == 0 { admin } else { coordinator };
        let member_by = By::Person(member);
        let staff_by = By::Person(staff);
        match &need.path {
            Path::Draft => {}
            Path::Submitted => {
                step(db, id, member_by, Status::Submitted, "").await?;
            }
            Path::ChangesRequested(comment) => {
                step(db, id, member_by, Status::Submitted, "").await?;
                step(db, id, staff_by, Status::ChangesRequested, comment).await?;
            }
            Path::Resubmitted(comment) => {
                step(db, id, member_by, Status::Submitted, "").await?;
                step(db, id, staff_by, Status::ChangesRequested, comment).await?;
                let mut changed = fields.clone();
                changed.deliverables = format!("{} A short report at the end of each week.", fields.deliverables);
                requests::update(db, member, id, &changed, "").await?;
                step(db, id, member_by, Status::Submitted, "").await?;
            }
            Path::Approved | Path::Staffed | Path::Closed => {
                step(db, id, member_by, Status::Submitted, "").await?;
                step(db, id, staff_by, Status::Approved, "").await?;
                // Staffed by the selections of the pipeline's demonstration, closed after.
                walked.push(Walked { id, need });
            }
            &Path::Cancelled { at: stage, by_institution: by_member, ref reason } => {
                if stage != Status::Draft {
                    step(db, id, member_by, Status::Submitted, "").await?;
                }
                if stage == Status::Approved {
                    step(db, id, staff_by, Status::Approved, "").await?;
                }
                step(db, id, if by_member { member_by } else { staff_by }, Status::Cancelled, reason).await?;
            }
        }
    }
    for (id, fields, closed) in programme_ids.into_values() {
        if closed {
            let fields = programmes::ProgrammeFields { status: programmes::ProgrammeStatus::Closed, ..fields };
            programmes::update(db, coordinator, id, &fields, "").await?;
        }
    }
    Ok(walked)
}
