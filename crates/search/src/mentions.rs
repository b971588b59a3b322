//! Skills an expert names only in their own words (see [`passerelle_profiles::mentions`]), as
//! the index credits them: each is a term of the index, so retrieval reaches an expert whose
//! "15 years as an ICU nurse in Liège" never made it into the skills list, whatever the
//! language of the request; ranking credits it at a share of a confirmed skill and says so.
//! Skills dismissed when they were suggested are not credited.

use passerelle_profiles::Profile;
use passerelle_profiles::mentions::{Mentions, read};
use passerelle_taxonomy::{SkillId, Taxonomy};

/// The skills `profile` names in its texts and neither lists nor `dismissed`, first named first,
/// read now.
pub fn of(taxonomy: &Taxonomy, profile: &Profile, dismissed: &[SkillId]) -> Vec<SkillId> {
    let mut skills = read(taxonomy, &profile.data);
    skills.retain(|s| !dismissed.contains(s));
    skills
}

/// The same, from the mentions kept with the profile when they were read as `taxonomy` would
/// read them now; read again otherwise.
pub fn for_index(
    taxonomy: &Taxonomy,
    profile: &Profile,
    kept: Option<&Mentions>,
    dismissed: &[SkillId],
) -> Vec<SkillId> {
    match kept {
        Some(kept) if kept.is_current(taxonomy) => {
            kept.skills.iter().filter(|s| !dismissed.contains(s)).cloned().collect()
        }
        _ => of(taxonomy, profile, dismissed),
    }
}
