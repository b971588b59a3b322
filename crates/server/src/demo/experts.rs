//! The demo roster: 300 believable experts from the synthetic generator (invented names,
//! residence in Belgium, Luxembourg, the Netherlands, France, Germany and the UK, origins in
//! the programmes' countries), deterministic from a seed, plus a full profile for the demo
//! expert account. About half of the credentials are verified by the demo coordinator, and
//! some profiles are left unconfirmed so that the "stale" flag has something to show.

use passerelle_core::{ExpertId, UserId};
use passerelle_db::Db;
use passerelle_profiles::consent::Source;
use passerelle_profiles::input::{
    CredentialInput, EducationInput, LanguageInput, MembershipInput, SkillInput, WindowInput, WorkInput,
};
use passerelle_profiles::model::CredentialStatus;
use passerelle_profiles::resolve::SkillResolver;
use passerelle_profiles::service::{self, Target};
use passerelle_profiles::store;
use passerelle_profiles::synthetic::{Generator, Rng};

pub const SEED: u64 = 2026;
pub const ROSTER: u64 = 300;

pub async fn seed(db: &Db, expert_account: UserId, coordinator: UserId) -> anyhow::Result<()> {
    let resolver = SkillResolver::load(db).await?;
    let generator = Generator::new(SEED).starting(passerelle_core::Timestamp::now().date());
    let mut rng = Rng::new(SEED);
    let mut tx = db.begin().await?;
    let mut seeded: Vec<ExpertId> = Vec::new();
    for index in 0..ROSTER {
        let checked = service::check(&generator.expert(index), &resolver)
            .map_err(|errors| anyhow::anyhow!("demo profile {index} is invalid: {errors:?}"))?;
        let written = service::write(&mut tx, &checked, Target::ByExternalId, Some(coordinator), Source::Import)
            .await
            .map_err(|e| anyhow::anyhow!("demo profile {index}: {e}"))?;
        seeded.push(written.id);
    }
    tx.commit().await?;

    // Coordinators' work so far: half the credentials checked, most profiles confirmed.
    let profiles = store::load_many(db, &seeded).await?;
    let mut tx = db.begin().await?;
    for profile in &profiles {
        for credential in &profile.data.credentials {
            if rng.chance(50) {
                let status = if rng.chance(95) { CredentialStatus::Verified } else { CredentialStatus::Rejected };
                store::set_credential_status(&mut tx, profile.id, &credential.id, status, coordinator).await?;
            }
        }
        if rng.chance(80) {
            store::confirm(&mut tx, profile.id).await?;
        }
    }
    tx.commit().await?;

    // The demo expert: Aline, a nurse anaesthetist in Brussels, of Rwandan origin.
    let own = service::profile_of_account(db, expert_account, "Aline Uwase").await?;
    let mut aline = generator.expert(10_000);
    aline.external_id = None;
    aline.name = "Aline Uwase".into();
    aline.email = Some("expert@passerelle.example".into());
    aline.phone = Some("+32470123456".into());
    aline.city = Some("Bruxelles".into());
    aline.residence_country = Some("BE".into());
    aline.origin_countries = vec!["RW".into()];
    aline.nationalities = vec!["BE".into(), "RW".into()];
    aline.headline = Some("Infirmière anesthésiste — 12 ans en hôpital universitaire".into());
    aline.summary = Some(
        "Infirmière anesthésiste aux Cliniques universitaires Saint-Luc depuis 2014, formatrice en réanimation \
         néonatale et en sécurité anesthésique. Je souhaite former les équipes des hôpitaux de district au Rwanda, \
         sur place ou à distance."
            .into(),
    );
    aline.years_experience = Some(12);
    aline.sectors = vec!["health".into(), "education".into()];
    aline.skills = vec![
        SkillInput { label: "infirmière anesthésiste".into(), level: Some(4), years: Some(12), esco_uri: None },
        SkillInput { label: "neonatal resuscitation".into(), level: Some(3), years: Some(8), esco_uri: None },
        SkillInput { label: "formation de formateurs".into(), level: Some(3), years: Some(5), esco_uri: None },
        SkillInput {
            label: "infection prevention and control".into(),
            level: Some(3),
            years: Some(10),
            esco_uri: None,
        },
    ];
    aline.languages = vec![
        LanguageInput { code: "rw".into(), spoken: "native".into(), written: "C1".into() },
        LanguageInput { code: "fr".into(), spoken: "C2".into(), written: "C2".into() },
        LanguageInput { code: "en".into(), spoken: "C1".into(), written: "B2".into() },
        LanguageInput { code: "nl".into(), spoken: "B1".into(), written: "A2".into() },
    ];
    aline.education = vec![EducationInput {
        degree: "Bachelier infirmier, spécialisation en anesthésie".into(),
        field: "Soins infirmiers".into(),
        institution: "Haute École Léonard de Vinci".into(),
        country: Some("BE".into()),
        year: Some(2013),
    }];
    aline.work_history = vec![WorkInput {
        role: "Infirmière anesthésiste".into(),
        employer: "Cliniques universitaires Saint-Luc".into(),
        country: Some("BE".into()),
        start_year: Some(2014),
        end_year: None,
    }];
    aline.memberships = vec![MembershipInput {
        organisation: "Diaspora rwandaise de Belgique — santé".into(),
        role: "Membre".into(),
    }];
    aline.credentials = vec![CredentialInput {
        id: None,
        kind: "licence".into(),
        title: "Infirmière spécialisée en anesthésie (visa)".into(),
        issuer: "SPF Santé publique".into(),
        country: Some("BE".into()),
        number: "BE-2014-0421".into(),
        valid_until: Some("2029-12-31".into()),
    }];
    let today = passerelle_core::Timestamp::now().date();
    let day = |offset: i64| (today + time::Duration::days(offset)).to_string();
    aline.availability = vec![
        WindowInput { start: day(30), end: day(90), mode: "either".into() },
        WindowInput { start: day(200), end: day(245), mode: "on_site".into() },
    ];
    let checked = service::check(&aline, &resolver).map_err(|e| anyhow::anyhow!("demo expert: {e:?}"))?;
    let mut tx = db.begin().await?;
    service::write(&mut tx, &checked, Target::Existing(own), Some(expert_account), Source::Web)
        .await
        .map_err(|e| anyhow::anyhow!("demo expert: {e}"))?;
    store::confirm(&mut tx, own).await?;
    tx.commit().await?;
    Ok(())
}

/// How many experts each open demo request gets who meet all of it.
const FITTED_PER_REQUEST: u64 = 4;

/// Experts who meet every must-have of each request still open for matching, and pass its hard
/// filters (its languages, free on its dates, willing to go there): the demo shows what a full
/// match looks like. Each is an ordinary generated expert whose skills, languages and
/// availability are made to fit.
pub async fn fitted(db: &Db, walked: &[super::requests::Walked], coordinator: UserId) -> anyhow::Result<()> {
    use passerelle_missions::requests::{self, Status, Timing};
    let resolver = SkillResolver::load(db).await?;
    let taxonomy = passerelle_taxonomy::Taxonomy::load(db).await?;
    let generator = Generator::new(SEED + 1).starting(passerelle_core::Timestamp::now().date());
    let mut tx = db.begin().await?;
    let mut index = 20_000;
    for w in walked {
        let Some(request) = requests::get(db, w.id).await? else { continue };
        if request.status != Status::Approved {
            continue;
        }
        let f = &request.fields;
        let (start, end) = match f.timing {
            Timing::Fixed(range) => (range.start(), range.end()),
            Timing::Flexible { window, .. } => (window.start(), window.end()),
        };
        for _ in 0..FITTED_PER_REQUEST {
            index += 1;
            let mut expert = generator.expert(index);
            let wanted: Vec<SkillInput> = f
                .skills
                .iter()
                .map(|s| SkillInput {
                    label: taxonomy.label_or(s.skill.as_ref(), &s.label, passerelle_core::Locale::En).to_owned(),
                    level: Some(i64::from(s.level.value().max(3))),
                    years: Some(8),
                    esco_uri: None,
                })
                .collect();
            expert.skills.retain(|own| !wanted.iter().any(|w| w.label == own.label));
            expert.skills.truncate(2);
            expert.skills.splice(0..0, wanted);
            for required in &f.languages {
                expert.languages.retain(|l| l.code != required.language.code());
                expert.languages.push(LanguageInput {
                    code: required.language.code().into(),
                    spoken: "C2".into(),
                    written: "C1".into(),
                });
            }
            expert.sectors = vec![f.sector.to_string()];
            expert.availability = vec![WindowInput {
                start: (start - time::Duration::days(7)).to_string(),
                end: (end + time::Duration::days(7)).to_string(),
                mode: "either".into(),
            }];
            expert.no_travel_countries.clear();
            expert.max_mission_days = None;
            expert.notice_days = None;
            let checked = service::check(&expert, &resolver)
                .map_err(|errors| anyhow::anyhow!("fitted demo profile {index} is invalid: {errors:?}"))?;
            let written = service::write(&mut tx, &checked, Target::ByExternalId, Some(coordinator), Source::Import)
                .await
                .map_err(|e| anyhow::anyhow!("fitted demo profile {index}: {e}"))?;
            store::confirm(&mut tx, written.id).await?;
        }
    }
    tx.commit().await?;
    Ok(())
}
