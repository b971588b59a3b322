//! Demonstration institutions, programmes and mission requests, modelled on the programmes the
//! platform serves: skills-transfer missions for the Great Lakes, Training of Trainers for
//! Rwanda Polytechnic's colleges, urgent calls for medical staff, temporary placements in
//! Mauritanian public institutions, diaspora investment coaching. Deterministic: the same names,
//! places and stories every time, dates relative to the day of seeding.
//!
//! Everything goes through the functions the web uses (validation, the store, the workflow),
//! so every request's history is in the audit log as if people had done it.

use super::institutions::Seeded;
use super::needs::{Path, Place, When};
use passerelle_accounts::Actor;
use passerelle_core::{RequestId, Timestamp};
use passerelle_db::Db;
use passerelle_missions::programmes::{self, ProgrammeInput};
use passerelle_missions::requests::{self, By, LanguageInput, RequestInput, SkillInput, Status};
use std::collections::HashMap;
use time::Duration;

/// A programme of the demonstration, named and described in both languages of the interface.
pub(super) struct DemoProgramme {
    pub(super) code: &'static str,
    name_en: &'static str,
    name_fr: &'static str,
    description_en: &'static str,
    description_fr: &'static str,
    funder: &'static str,
    /// Country codes, separated by ", ".
    countries: &'static str,
    /// Sector codes, separated by spaces.
    sectors: &'static str,
    starts_on: &'static str,
    ends_on: &'static str,
    closed: bool,
}

pub(super) const PROGRAMMES: &[DemoProgramme] = &[
    DemoProgramme {
        code: "MIDA-GL",
        name_en: "Skills transfer for the Great Lakes",
        name_fr: "Transfert de compétences pour les Grands Lacs",
        description_en: "Short missions of diaspora experts living in Belgium to health, rural-development and education institutions in the DRC, Rwanda and Burundi, in the manner of the MIDA programme.",
        description_fr: "Missions courtes d'experts de la diaspora établis en Belgique auprès d'institutions de santé, de développement rural et d'éducation en RDC, au Rwanda et au Burundi, sur le modèle du programme MIDA.",
        funder: "Belgian development cooperation",
        countries: "CD, RW, BI",
        sectors: "health rural_development education",
        starts_on: "2026-01-01",
        ends_on: "2028-12-31",
        closed: false,
    },
    DemoProgramme {
        code: "TVET-TOT-RP",
        name_en: "Training of Trainers for Rwanda Polytechnic",
        name_fr: "Formation de formateurs pour Rwanda Polytechnic",
        description_en: "Diaspora professionals train the teachers of the Integrated Polytechnic Regional Colleges (IPRCs) in priority trades and coach the start-ups of teachers and students.",
        description_fr: "Des professionnels de la diaspora forment les enseignants des collèges polytechniques régionaux intégrés (IPRC) aux métiers prioritaires et accompagnent les jeunes entreprises créées par les enseignants et les étudiants.",
        funder: "IOM Development Fund",
        countries: "RW",
        sectors: "tvet entrepreneurship health",
        starts_on: "2025-09-01",
        ends_on: "2027-08-31",
        closed: false,
    },
    DemoProgramme {
        code: "HEALTH-URGENT",
        name_en: "Urgent calls for diaspora medical staff",
        name_fr: "Appels urgents aux soignants de la diaspora",
        description_en: "Short-notice missions of diaspora doctors, nurses and laboratory staff to support epidemic responses and overwhelmed hospitals; licences are checked before departure.",
        description_fr: "Missions à bref délai de médecins, d'infirmiers et de techniciens de laboratoire de la diaspora en appui à la riposte aux épidémies et aux hôpitaux débordés ; les autorisations d'exercer sont vérifiées avant le départ.",
        funder: "European Union",
        countries: "MR, GN, CD, SN",
        sectors: "health humanitarian",
        starts_on: "2026-01-01",
        ends_on: "2027-12-31",
        closed: false,
    },
    DemoProgramme {
        code: "MR-PLACE-20",
        name_en: "Temporary placements in Mauritanian public institutions",
        name_fr: "Affectations temporaires dans les institutions publiques mauritaniennes",
        description_en: "Twenty qualified members of the Mauritanian diaspora placed for a few months in ministries, hospitals and municipalities to build their capacities.",
        description_fr: "Vingt membres qualifiés de la diaspora mauritanienne affectés pour quelques mois dans des ministères, des hôpitaux et des communes afin d'en renforcer les capacités.",
        funder: "European Union",
        countries: "MR",
        sectors: "public_administration health ict education",
        starts_on: "2025-06-01",
        ends_on: "2027-12-31",
        closed: false,
    },
    DemoProgramme {
        code: "DIASPORA-INVEST",
        name_en: "Diaspora investment and entrepreneurship coaching",
        name_fr: "Accompagnement de l'investissement et de l'entrepreneuriat de la diaspora",
        description_en: "Coaching of entrepreneurs and local business-support organisations by diaspora investors and managers, in Morocco and Senegal.",
        description_fr: "Des investisseurs et des cadres de la diaspora accompagnent des entrepreneurs et des structures locales d'appui aux entreprises, au Maroc et au Sénégal.",
        funder: "Belgian development cooperation",
        countries: "MA, SN",
        sectors: "entrepreneurship finance",
        starts_on: "2025-01-01",
        ends_on: "2027-06-30",
        closed: false,
    },
    DemoProgramme {
        code: "MEDMA",
        name_en: "MEDMA — Moroccan diaspora for development",
        name_fr: "MEDMA — la diaspora marocaine pour le développement",
        description_en: "Missions of skilled Moroccans living in Belgium to universities, incubators and associations of the Tanger-Tétouan-Al Hoceïma region, in the manner of IOM's MEDMA projects.",
        description_fr: "Missions de Marocains qualifiés établis en Belgique auprès d'universités, d'incubateurs et d'associations de la région de Tanger-Tétouan-Al Hoceïma, sur le modèle des projets MEDMA de l'OIM.",
        funder: "Belgian development cooperation",
        countries: "MA",
        sectors: "entrepreneurship education finance",
        starts_on: "2025-03-01",
        ends_on: "2027-12-31",
        closed: false,
    },
    DemoProgramme {
        code: "COVID19-MED",
        name_en: "COVID-19 and epidemic relief by diaspora health workers",
        name_fr: "Riposte à la COVID-19 et aux épidémies par les soignants de la diaspora",
        description_en: "Diaspora doctors and nurses deployed to hospitals facing COVID-19 and other epidemic surges. Each health worker's licence to practise is verified before departure: a mission does not start without it.",
        description_fr: "Des médecins et des infirmiers de la diaspora déployés dans des hôpitaux confrontés à la COVID-19 et à d'autres flambées épidémiques. L'autorisation d'exercer de chaque soignant est vérifiée avant le départ : aucune mission ne commence sans elle.",
        funder: "European Union",
        countries: "MR, GN, CD",
        sectors: "health humanitarian",
        starts_on: "2026-01-01",
        ends_on: "2027-12-31",
        closed: false,
    },
    DemoProgramme {
        code: "WOMEN4DEV",
        name_en: "Women4Dev — capacity building with women's organisations",
        name_fr: "Women4Dev — renforcement des capacités des organisations de femmes",
        description_en: "Women of the diaspora coach women's cooperatives, associations and entrepreneurs in leadership, financial management and digital skills.",
        description_fr: "Des femmes de la diaspora accompagnent des coopératives et des associations de femmes ainsi que des entrepreneuses en leadership, en gestion financière et en compétences numériques.",
        funder: "Belgian development cooperation",
        countries: "SN, MA, RW",
        sectors: "social entrepreneurship",
        starts_on: "2026-01-01",
        ends_on: "2028-06-30",
        closed: false,
    },
    DemoProgramme {
        code: "DIASPORA-MAP",
        name_en: "Mapping the skills of the diaspora in Belgium",
        name_fr: "Cartographie des compétences de la diaspora en Belgique",
        description_en: "A survey of diaspora professionals living in Belgium, imported into the roster: each respondent is invited to claim their profile and confirm their consent to be matched.",
        description_fr: "Une enquête auprès des professionnels de la diaspora établis en Belgique, importée dans le vivier d'experts : chaque répondant est invité à reprendre son profil et à confirmer son consentement à être mis en relation avec des missions.",
        funder: "IOM Development Fund",
        countries: "",
        sectors: "",
        starts_on: "2026-01-01",
        ends_on: "2026-12-31",
        closed: false,
    },
    DemoProgramme {
        code: "MIDA-GL-2012",
        name_en: "MIDA Great Lakes, phases 1 to 4",
        name_fr: "MIDA Grands Lacs, phases 1 à 4",
        description_en: "The first skills-transfer missions to the Great Lakes region, kept for the record.",
        description_fr: "Les premières missions de transfert de compétences dans la région des Grands Lacs, conservées pour mémoire.",
        funder: "Belgian development cooperation",
        countries: "CD, RW, BI",
        sectors: "health rural_development education",
        starts_on: "2001-01-01",
        ends_on: "2012-12-31",
        closed: true,
    },
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
    for p in PROGRAMMES {
        let input = ProgrammeInput {
            code: p.code.into(),
            name_en: p.name_en.into(),
            name_fr: p.name_fr.into(),
            description_en: p.description_en.into(),
            description_fr: p.description_fr.into(),
            funder: p.funder.into(),
            countries: p.countries.split(", ").map(str::to_owned).collect(),
            sectors: p.sectors.split(' ').map(str::to_owned).collect(),
            starts_on: p.starts_on.into(),
            ends_on: p.ends_on.into(),
            // Closed ones are closed once their requests are in.
            status: "active".into(),
            plan: super::budgets::plan(p.code),
        };
        let fields = input.validate().map_err(|e| anyhow::anyhow!("demo programme {}: {e:?}", p.code))?;
        let id = programmes::create(db, coordinator, &fields, "").await?;
        programme_ids.insert(p.code, (id, fields, p.closed));
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
