//! The diaspora-mapping survey of the demonstration: a French-language questionnaire's CSV export
//! imported the way `passerelle import mapping-survey` imports one (only the respondents who
//! agreed to be contacted), each respondent with an email invited to join, and one who has
//! already followed the link and claimed her profile. The others' invitations are written to the
//! outbox by the running server, as any programme's would be.

use passerelle_accounts::users::{self, NewUser};
use passerelle_accounts::{Actor, Role};
use passerelle_core::{Email, Locale};
use passerelle_db::Db;
use passerelle_profiles::import::{self, Options};
use passerelle_profiles::join::{self, Reason};
use passerelle_profiles::store;
use passerelle_profiles::survey::SurveyMap;

const SURVEY: &str = include_str!("data/mapping_survey.csv");
const MAP: &str = include_str!("data/mapping_survey.toml");
/// The respondents, by their survey id; the first one has claimed her profile.
const RESPONDENTS: &[&str] =
    &["DMB-2026-001", "DMB-2026-003", "DMB-2026-004", "DMB-2026-005", "DMB-2026-006", "DMB-2026-007"];
const CLAIMED: (&str, &str) = ("DMB-2026-001", "diane.mukamana@survey.passerelle.example");

pub async fn seed(db: &Db, coordinator: &Actor, password_hash: &str) -> anyhow::Result<()> {
    let map = SurveyMap::parse(MAP)?;
    let options = Options { all_or_nothing: true, by: Some(coordinator.user_id) };
    let report = import::import_survey(db, SURVEY.as_bytes(), &map, options, |_| {}).await?;
    anyhow::ensure!(report.refused.is_empty(), "the demonstration survey imports: {:?}", report.refused);
    let mut tx = db.begin().await?;
    let mut claimed = None;
    for respondent in RESPONDENTS {
        let Some(expert) = store::id_for_external(&mut tx, &format!("survey:{respondent}")).await? else {
            anyhow::bail!("respondent {respondent} was not imported");
        };
        let queued = join::queue(
            &mut tx,
            expert,
            Reason::Invite,
            "",
            "Mapping the skills of the diaspora in Belgium",
            "",
            Some(coordinator.user_id),
        )
        .await?;
        if *respondent == CLAIMED.0
            && let Ok(invitation) = queued
        {
            claimed = Some(invitation);
        }
    }
    // Diane followed her link: her account is attached to the profile the survey made.
    let invitation = claimed.ok_or_else(|| anyhow::anyhow!("the claimed respondent has an email"))?;
    let token = join::issue(&mut tx, invitation).await?.ok_or_else(|| anyhow::anyhow!("invitation issued"))?;
    let user = users::insert(
        &mut tx,
        &NewUser {
            email: Email::parse(CLAIMED.1)?,
            name: "Diane Mukamana".into(),
            role: Role::Expert,
            password_hash: password_hash.to_owned(),
            locale: Locale::Fr,
            institution: None,
            email_verified: true,
        },
    )
    .await?;
    anyhow::ensure!(join::claim(&mut tx, &token, user.id).await?.is_some(), "the profile is claimed");
    tx.commit().await?;
    Ok(())
}
