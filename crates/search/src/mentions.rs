//! Skills an expert names only in their own words: the headline, the summary, the roles of
//! their work history, their education and credentials, read with the taxonomy's linker when
//! the expert is indexed. Each is a term of the index, so retrieval reaches an expert whose
//! "15 years as an ICU nurse in Liège" never made it into the skills list, whatever the
//! language of the request; ranking credits it at a share of a confirmed skill and says so.
//! Skills the expert listed are not repeated; a skill said not to be held ("no surgery"), or
//! dismissed when it was suggested, is not one.

use passerelle_profiles::Profile;
use passerelle_taxonomy::{SkillId, Stance, Taxonomy, extract};
use rustc_hash::FxHashSet;

/// The skills `profile` names in its texts and neither lists nor `dismissed`, first named first.
pub fn of(taxonomy: &Taxonomy, profile: &Profile, dismissed: &[SkillId]) -> Vec<SkillId> {
    let d = &profile.data;
    let mut listed: FxHashSet<&str> = d.skills.iter().filter_map(|s| s.skill.as_ref()).map(|s| s.as_str()).collect();
    listed.extend(dismissed.iter().map(SkillId::as_str));
    let mut texts: Vec<&str> = vec![&d.headline, &d.summary];
    texts.extend(d.work.iter().map(|w| w.role.as_str()));
    texts.extend(d.education.iter().map(|e| e.field.as_str()));
    texts.extend(d.credentials.iter().map(|c| c.title.as_str()));
    let mut seen = FxHashSet::default();
    let mut out = Vec::new();
    for text in texts.into_iter().filter(|t| !t.trim().is_empty()) {
        for found in extract(&taxonomy.linker, text) {
            let named = &text[found.start..found.end];
            if found.stance == Stance::Negated
                || listed.contains(found.skill.as_str())
                || (is_short_word(named) && !named.chars().any(char::is_uppercase))
            {
                continue;
            }
            if seen.insert(found.skill.clone()) {
                out.push(found.skill);
            }
        }
    }
    out
}

/// A single short word ("ict", "icu"): in running text it names a skill only when written as
/// the abbreviation it is, in capitals; in lower case it is too often another word.
fn is_short_word(named: &str) -> bool {
    !named.contains(|c: char| !c.is_alphanumeric()) && named.chars().count() <= 4
}
