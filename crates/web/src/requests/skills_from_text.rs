//! "Find the skills in the description": the request form's second step, without JavaScript.
//! The skills the terms of reference name (title, description, objectives, deliverables) are
//! added as rows — a must-have where the text asks for it, a nice-to-have where it only
//! welcomes it, nothing where it says it is not needed — for the host to check, change or
//! clear before saving. Nothing is saved by this step.

use passerelle_core::Locale;
use passerelle_missions::requests::{RequestInput, SkillInput};
use passerelle_taxonomy::{Stance, Taxonomy, extract};

/// What the step did: skills added as rows, and skills found that the rows already held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Added {
    pub added: usize,
    pub held: usize,
}

/// Adds the skills `input`'s texts name that its rows do not hold yet, after its filled rows
/// (empty rows are dropped), at most `max_rows` in all.
pub fn add_found(taxonomy: &Taxonomy, locale: Locale, input: &mut RequestInput, max_rows: usize) -> Added {
    input.skills.retain(|row| !row.skill.trim().is_empty());
    let text = [&input.title, &input.description, &input.objectives, &input.deliverables]
        .iter()
        .map(|t| t.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let held: Vec<_> =
        input.skills.iter().filter_map(|row| taxonomy.linker.best(&row.skill)).map(|l| l.skill).collect();
    let mut added = Added { added: 0, held: 0 };
    for found in extract(&taxonomy.linker, &text) {
        let requirement = match found.stance {
            Stance::Required => "must_have",
            Stance::Welcome => "nice_to_have",
            Stance::Negated => continue,
        };
        if held.contains(&found.skill) {
            added.held += 1;
            continue;
        }
        if input.skills.len() >= max_rows {
            break;
        }
        let label = taxonomy.label(&found.skill, locale).unwrap_or(&found.label).to_owned();
        input.skills.push(SkillInput { skill: label, requirement: requirement.into(), level: "3".into() });
        added.added += 1;
    }
    added
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn asked_skills_become_rows_welcome_ones_nice_to_have_and_negated_ones_none() {
        let (_dir, db) = passerelle_db::testing::fresh().await;
        passerelle_taxonomy::sync_shipped(&db).await.unwrap();
        let taxonomy = Taxonomy::load(&db).await.unwrap();
        let mut input = RequestInput {
            title: "Formation de formateurs".into(),
            description: "Nous recherchons un formateur en soudage TIG pour les enseignants de l'IPRC. \
                Une expérience en maintenance industrielle serait un atout. Pas d'expérience en chirurgie requise."
                .into(),
            skills: vec![
                SkillInput { skill: "soudage TIG".into(), requirement: "must_have".into(), level: "4".into() },
                SkillInput::default(),
            ],
            ..Default::default()
        };
        let added = add_found(&taxonomy, Locale::Fr, &mut input, 40);
        let rows: Vec<(&str, &str)> = input.skills.iter().map(|r| (r.skill.as_str(), r.requirement.as_str())).collect();
        assert_eq!(rows[0], ("soudage TIG", "must_have"), "the typed row first, as typed, once");
        assert_eq!(rows.iter().filter(|r| r.0 == "soudage TIG").count(), 1);
        assert!(rows.iter().all(|r| !r.0.contains("chirurgie")), "{rows:?}");
        assert!(rows.iter().any(|r| r.1 == "nice_to_have"), "an asset is a nice-to-have: {rows:?}");
        assert_eq!(added, Added { added: rows.len() - 1, held: 1 }, "the typed row's skill was held already");
        assert!(input.skills.iter().all(|r| !r.skill.is_empty()), "empty rows dropped");

        let before = input.skills.len();
        let again = add_found(&taxonomy, Locale::Fr, &mut input, 40);
        assert_eq!((again.added, again.held), (0, before), "asked again: nothing new, everything held");
        assert_eq!(input.skills.len(), before);
        let mut full = input.clone();
        assert_eq!(add_found(&taxonomy, Locale::Fr, &mut full, 1).added, 0, "never beyond the rows a form reads");
    }
}
