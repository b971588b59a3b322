//! Demonstration institutions, programmes and mission requests, modelled on the programmes the
//! platform serves: skills-transfer missions for the Great Lakes, Training of Trainers for
//! Rwanda Polytechnic's colleges, urgent calls for medical staff, temporary placements in
//! Mauritanian public institutions, diaspora investment coaching. Deterministic: the same names,
//! places and stories every time, dates relative to the day of seeding.
//!
//! Everything goes through the functions the web uses (validation, the store, the workflow),
//! so every request's history is in the audit log as if people had done it.

use super::institutions::{INSTITUTIONS, Seeded};
use super::needs::{NEEDS, Path, Place, When};
use passerelle_accounts::Actor;
use passerelle_core::{RequestId, Timestamp};
use passerelle_db::Db;
use passerelle_missions::programmes::{self, ProgrammeInput};
use passerelle_missions::requests::{self, By, LanguageInput, RequestInput, SkillInput, Status};
use std::collections::HashMap;
use time::Duration;

/// (code, name, description, funder, countries, sectors, start, end, status)
type ProgrammeRow = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

const PROGRAMMES: &[ProgrammeRow] = &[
    (
        "MIDA-GL",
        "Skills transfer for the Great Lakes",
        "Short missions of diaspora experts living in Belgium to health, rural-development and education institutions in the DRC, Rwanda and Burundi, in the manner of the MIDA programme.",
        "Belgian development cooperation",
        "CD, RW, BI",
        "health rural_development education",
        "2026-01-01",
        "2028-12-31",
        "active",
    ),
    (
        "TVET-TOT-RP",
        "Training of Trainers for Rwanda Polytechnic",
        "Diaspora professionals train the teachers of the Integrated Polytechnic Regional Colleges (IPRCs) in priority trades and coach the start-ups of teachers and students.",
        "IOM Development Fund",
        "RW",
        "tvet entrepreneurship health",
        "2025-09-01",
        "2027-08-31",
        "active",
    ),
    (
        "HEALTH-URGENT",
        "Urgent calls for diaspora medical staff",
        "Short-notice missions of diaspora doctors, nurses and laboratory staff to support epidemic responses and overwhelmed hospitals; licences are checked before departure.",
        "European Union",
        "MR, GN, CD, SN",
        "health humanitarian",
        "2026-01-01",
        "2027-12-31",
        "active",
    ),
    (
        "MR-PLACE-20",
        "Temporary placements in Mauritanian public institutions",
        "Twenty qualified members of the Mauritanian diaspora placed for a few months in ministries, hospitals and municipalities to build their capacities.",
        "European Union",
        "MR",
        "public_administration health ict education",
        "2025-06-01",
        "2027-12-31",
        "active",
    ),
    (
        "DIASPORA-INVEST",
        "Diaspora investment and entrepreneurship coaching",
        "Coaching of entrepreneurs and local business-support organisations by diaspora investors and managers, in Morocco and Senegal.",
        "Belgian development cooperation",
        "MA, SN",
        "entrepreneurship finance",
        "2025-01-01",
        "2027-06-30",
        "active",
    ),
    (
        "MEDMA",
        "MEDMA — Moroccan diaspora for development",
        "Missions of skilled Moroccans living in Belgium to universities, incubators and associations of the Tanger-Tétouan-Al Hoceïma region, in the manner of IOM's MEDMA projects.",
        "Belgian development cooperation",
        "MA",
        "entrepreneurship education finance",
        "2025-03-01",
        "2027-12-31",
        "active",
    ),
    (
        "COVID19-MED",
        "COVID-19 and epidemic relief by diaspora health workers",
        "Diaspora doctors and nurses deployed to hospitals facing COVID-19 and other epidemic surges. Each health worker's licence to practise is verified before departure: a mission does not start without it.",
        "European Union",
        "MR, GN, CD",
        "health humanitarian",
        "2026-01-01",
        "2027-12-31",
        "active",
    ),
    (
        "WOMEN4DEV",
        "Women4Dev — capacity building with women's organisations",
        "Women of the diaspora coach women's cooperatives, associations and entrepreneurs in leadership, financial management and digital skills.",
        "Belgian development cooperation",
        "SN, MA, RW",
        "social entrepreneurship",
        "2026-01-01",
        "2028-06-30",
        "active",
    ),
    (
        "DIASPORA-MAP",
        "Mapping the skills of the diaspora in Belgium",
        "A survey of diaspora professionals living in Belgium, imported into the roster: each respondent is invited to claim their profile and confirm their consent to be matched.",
        "IOM Development Fund",
        "",
        "",
        "2026-01-01",
        "2026-12-31",
        "active",
    ),
    (
        "MIDA-GL-2012",
        "MIDA Great Lakes, phases 1 to 4",
        "The first skills-transfer missions to the Great Lakes region, kept for the record.",
        "Belgian development cooperation",
        "CD, RW, BI",
        "health rural_development education",
        "2001-01-01",
        "2012-12-31",
        "closed",
    ),
];

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
    for (code, name, description, funder, countries, sectors, start, end, status) in PROGRAMMES {
        let input = ProgrammeInput {
            code: (*code).into(),
            name: (*name).into(),
            description: (*description).into(),
            funder: (*funder).into(),
            countries: countries.split(", ").map(str::to_owned).collect(),
            sectors: sectors.split(' ').map(str::to_owned).collect(),
            starts_on: (*start).into(),
            ends_on: (*end).into(),
            // Closed ones are closed once their requests are in.
            status: "active".into(),
            plan: super::budgets::plan(code),
        };
        let fields = input.validate().map_err(|e| anyhow::anyhow!("demo programme {code}: {e:?}"))?;
        let id = programmes::create(db, coordinator, &fields, "").await?;
        programme_ids.insert(*code, (id, fields, *status == "closed"));
    }

    let today = Timestamp::now().date();
    let day = |offset: i64| (today + Duration::days(offset)).to_string();
    for (n, need) in NEEDS.iter().enumerate() {
        let owner = people
            .get(need.institution)
            .ok_or_else(|| anyhow::anyhow!("demo request {n}: no institution {}", need.institution))?;
        let (programme, ..) = programme_ids
            .get(need.programme)
            .ok_or_else(|| anyhow::anyhow!("demo request {n}: no programme {}", need.programme))?;
        let (mode, days_on_site) = match need.place {
            Place::OnSite => ("on_site", String::new()),
            Place::Remote => ("remote", String::new()),
            Place::Hybrid(days) => ("hybrid", days.to_string()),
        };
        let institution = INSTITUTIONS.iter().find(|i| i.slug == need.institution);
        let (country, city) = match (need.place, institution) {
            (Place::Remote, _) | (_, None) => (String::new(), String::new()),
            (_, Some(i)) => (i.country.to_owned(), i.city.to_owned()),
        };
        let mut input = RequestInput {
            programme_id: programme.to_string(),
            title: need.title.into(),
            description: need.description.into(),
            objectives: need.objectives.into(),
            deliverables: need.deliverables.into(),
            sector: need.sector.into(),
            skills: need
                .skills
                .iter()
                .map(|(id, must, level)| SkillInput {
                    skill: (*id).into(),
                    requirement: if *must { "must_have".into() } else { "nice_to_have".into() },
                    level: level.to_string(),
                })
                .collect(),
            languages: need
                .languages
                .iter()
                .map(|(language, level)| LanguageInput { language: (*language).into(), level: (*level).into() })
                .collect(),
            preferred_origins: need.origins.iter().map(|c| (*c).to_owned()).collect(),
            country,
            city,
            mode: mode.into(),
            days_on_site,
            urgency: if need.urgent { "urgent".into() } else { "normal".into() },
            positions: need.positions.to_string(),
            host_provides: need.host.into(),
            ..Default::default()
        };
        match need.when {
            When::Fixed(start, days) => {
                input.timing = "fixed".into();
                input.dates_start = day(start);
                input.dates_end = day(start + days - 1);
            }
            When::Window(start, width, duration) => {
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
        match need.path {
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
            Path::Cancelled(stage, by_member, reason) => {
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
