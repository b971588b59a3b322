//! The options of the profile forms' lists, in the page's language.

use crate::page::PageContext;
use passerelle_core::{Cefr, Country, Language, Sector};
use passerelle_profiles::model::{CredentialKind, WorkMode};

pub struct Choice {
    pub value: &'static str,
    pub label: String,
}

pub struct Choices {
    pub countries: Vec<Choice>,
    pub languages: Vec<Choice>,
    pub levels: Vec<Choice>,
    pub sectors: Vec<Choice>,
    pub kinds: Vec<Choice>,
    pub modes: Vec<Choice>,
    pub skill_levels: Vec<Choice>,
}

fn sorted(mut choices: Vec<Choice>) -> Vec<Choice> {
    crate::format::sort_by_name(&mut choices, |c| &c.label);
    choices
}

impl Choices {
    pub fn new(page: &PageContext) -> Choices {
        let locale = page.locale;
        Choices {
            countries: sorted(
                Country::all().map(|c| Choice { value: c.code(), label: c.name(locale).to_owned() }).collect(),
            ),
            languages: sorted(
                Language::all().map(|l| Choice { value: l.code(), label: l.name(locale).to_owned() }).collect(),
            ),
            levels: Cefr::ALL
                .into_iter()
                .map(|l| Choice { value: l.code(), label: page.t(&format!("cefr-{}", l.code())) })
                .collect(),
            sectors: Sector::ALL
                .into_iter()
                .map(|s| Choice { value: s.code(), label: s.label(locale).to_owned() })
                .collect(),
            kinds: CredentialKind::ALL
                .into_iter()
                .map(|k| Choice { value: k.code(), label: page.t(&format!("credential-kind-{}", k.code())) })
                .collect(),
            modes: WorkMode::ALL
                .into_iter()
                .map(|m| Choice { value: m.code(), label: page.t(&format!("mode-{}", m.code())) })
                .collect(),
            skill_levels: ["1", "2", "3", "4"]
                .into_iter()
                .map(|l| Choice { value: l, label: page.t(&format!("skill-level-{l}")) })
                .collect(),
        }
    }
}
