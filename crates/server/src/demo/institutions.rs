//! Demonstration host institutions in the programmes' countries (DRC, Rwanda, Burundi,
//! Mauritania, Morocco, Senegal, Guinea), each with one member. Most are verified; one awaits
//! verification with requests submitted, one was rejected.

use passerelle_accounts::users::{self, Membership, NewUser};
use passerelle_accounts::{Actor, Role};
use passerelle_core::{Country, Email, InstitutionId, Locale, Sector};
use passerelle_db::Db;
use passerelle_missions::institutions::{self, InstitutionFields, Kind, Verification};
use std::collections::HashMap;

pub struct DemoInstitution {
    pub slug: &'static str,
    pub name: &'static str,
    pub kind: Kind,
    pub country: &'static str,
    pub city: &'static str,
    pub sectors: &'static [Sector],
    pub website: &'static str,
    pub description: &'static str,
    /// The contact person, who is also the institution's member on the platform.
    pub contact: &'static str,
    pub phone: &'static str,
    pub verification: Verification,
    pub locale: Locale,
}

/// The institution the demo "institution" account belongs to.
pub const HOME: &str = "iprc-kigali";

use Sector::*;

pub const INSTITUTIONS: &[DemoInstitution] = &[
    DemoInstitution {
        slug: HOME,
        name: "IPRC Kigali — Rwanda Polytechnic",
        kind: Kind::TvetCollege,
        country: "RW",
        city: "Kigali",
        sectors: &[Tvet, Engineering, Ict],
        website: "https://www.rp.ac.rw",
        description: "Integrated Polytechnic Regional College of Kigali, one of the colleges of Rwanda Polytechnic, training technicians in construction, electricity, mechanics and ICT.",
        contact: "Emmanuel Nkurunziza",
        phone: "+250788000111",
        verification: Verification::Verified,
        locale: Locale::En,
    },
    DemoInstitution {
        slug: "iprc-huye",
        name: "IPRC Huye — Rwanda Polytechnic",
        kind: Kind::TvetCollege,
        country: "RW",
        city: "Huye",
        sectors: &[Tvet, RuralDevelopment],
        website: "https://www.rp.ac.rw",
        description: "Polytechnic college of the Southern Province: agro-processing, civil engineering, electronics and telecommunications.",
        contact: "Claudine Mukamana",
        phone: "+250788000222",
        verification: Verification::Verified,
        locale: Locale::En,
    },
    DemoInstitution {
        slug: "iprc-musanze",
        name: "IPRC Musanze — Rwanda Polytechnic",
        kind: Kind::TvetCollege,
        country: "RW",
        city: "Musanze",
        sectors: &[Tvet, Engineering],
        website: "https://www.rp.ac.rw",
        description: "Polytechnic college of the Northern Province: mechanical and automotive engineering, hospitality and tourism.",
        contact: "Jean de Dieu Habyarimana",
        phone: "+250788000333",
        verification: Verification::Verified,
        locale: Locale::En,
    },
    DemoInstitution {
        slug: "chu-butare",
        name: "University Teaching Hospital of Butare (CHUB)",
        kind: Kind::Hospital,
        country: "RW",
        city: "Huye",
        sectors: &[Health, Education],
        website: "",
        description: "Referral and teaching hospital of the Southern Province, with a surgery department and a nursing school.",
        contact: "Dr Alice Uwimana",
        phone: "+250788000444",
        verification: Verification::Verified,
        locale: Locale::En,
    },
    DemoInstitution {
        slug: "cliniques-kinshasa",
        name: "Cliniques universitaires de Kinshasa",
        kind: Kind::Hospital,
        country: "CD",
        city: "Kinshasa",
        sectors: &[Health, Education],
        website: "",
        description: "Hôpital universitaire de référence de la Faculté de médecine de l'Université de Kinshasa.",
        contact: "Pr Jean-Marie Kabongo",
        phone: "+243810000111",
        verification: Verification::Verified,
        locale: Locale::Fr,
    },
    DemoInstitution {
        slug: "isp-bukavu",
        name: "Institut Supérieur Pédagogique de Bukavu",
        kind: Kind::University,
        country: "CD",
        city: "Bukavu",
        sectors: &[Education],
        website: "",
        description: "Établissement public de formation des enseignants du secondaire au Sud-Kivu.",
        contact: "Espérance Bahati",
        phone: "+243990000222",
        verification: Verification::Verified,
        locale: Locale::Fr,
    },
    DemoInstitution {
        slug: "ipa-sud-kivu",
        name: "Inspection provinciale de l'agriculture du Sud-Kivu",
        kind: Kind::Ministry,
        country: "CD",
        city: "Bukavu",
        sectors: &[RuralDevelopment],
        website: "",
        description: "Service provincial chargé de la vulgarisation agricole, de la santé des plantes et des statistiques agricoles.",
        contact: "Patrick Mushagalusa",
        phone: "+243990000333",
        verification: Verification::Unverified,
        locale: Locale::Fr,
    },
    DemoInstitution {
        slug: "chu-kamenge",
        name: "CHU de Kamenge",
        kind: Kind::Hospital,
        country: "BI",
        city: "Bujumbura",
        sectors: &[Health],
        website: "",
        description: "Centre hospitalo-universitaire de Bujumbura : chirurgie, médecine interne, pédiatrie, maternité, formation des internes.",
        contact: "Dr Francine Niyonzima",
        phone: "+25722000111",
        verification: Verification::Verified,
        locale: Locale::Fr,
    },
    DemoInstitution {
        slug: "ub-agronomie",
        name: "Université du Burundi — Faculté d'agronomie et de bio-ingénierie",
        kind: Kind::University,
        country: "BI",
        city: "Bujumbura",
        sectors: &[RuralDevelopment, Education],
        website: "",
        description: "Formation d'ingénieurs agronomes et recherche sur les filières café, riz et élevage.",
        contact: "Pr Léonidas Ndayishimiye",
        phone: "+25722000222",
        verification: Verification::Verified,
        locale: Locale::Fr,
    },
    DemoInstitution {
        slug: "ms-mauritanie",
        name: "Ministère de la Santé — Direction de la lutte contre la maladie",
        kind: Kind::Ministry,
        country: "MR",
        city: "Nouakchott",
        sectors: &[Health, PublicAdministration],
        website: "",
        description: "Direction chargée de la surveillance épidémiologique, de la riposte aux épidémies et des programmes de lutte contre les maladies.",
        contact: "Dr Mohamed Lemine Ould Ahmed",
        phone: "+22245000111",
        verification: Verification::Verified,
        locale: Locale::Fr,
    },
    DemoInstitution {
        slug: "chn-nouakchott",
        name: "Centre Hospitalier National de Nouakchott",
        kind: Kind::Hospital,
        country: "MR",
        city: "Nouakchott",
        sectors: &[Health],
        website: "",
        description: "Premier hôpital de référence du pays : urgences, réanimation, chirurgie, hémodialyse.",
        contact: "Dr Aïchetou Mint Sidi",
        phone: "+22245000222",
        verification: Verification::Verified,
        locale: Locale::Fr,
    },
    DemoInstitution {
        slug: "commune-nouadhibou",
        name: "Commune de Nouadhibou",
        kind: Kind::Municipality,
        country: "MR",
        city: "Nouadhibou",
        sectors: &[PublicAdministration, Engineering],
        website: "",
        description: "Commune de la capitale économique : état civil, voirie, gestion des déchets, marchés.",
        contact: "Sidi Mohamed Ould Cheikh",
        phone: "+22245000333",
        verification: Verification::Verified,
        locale: Locale::Fr,
    },
    DemoInstitution {
        slug: "uae-tetouan",
        name: "Université Abdelmalek Essaâdi — Tétouan",
        kind: Kind::University,
        country: "MA",
        city: "Tétouan",
        sectors: &[Education, Entrepreneurship],
        website: "",
        description: "Université du nord du Maroc ; son incubateur accompagne les projets d'étudiants et de membres de la diaspora.",
        contact: "Nadia El Amrani",
        phone: "+212539000111",
        verification: Verification::Verified,
        locale: Locale::Fr,
    },
    DemoInstitution {
        slug: "tanger-entreprendre",
        name: "Association Tanger Entreprendre",
        kind: Kind::Ngo,
        country: "MA",
        city: "Tanger",
        sectors: &[Entrepreneurship, Finance],
        website: "",
        description: "Association d'accompagnement des jeunes entrepreneurs de la région Tanger-Tétouan-Al Hoceïma.",
        contact: "Youssef Benali",
        phone: "+212539000222",
        verification: Verification::Unverified,
        locale: Locale::Fr,
    },
    DemoInstitution {
        slug: "lycee-thies",
        name: "Lycée d'enseignement technique et de formation professionnelle de Thiès",
        kind: Kind::School,
        country: "SN",
        city: "Thiès",
        sectors: &[Tvet],
        website: "",
        description: "Lycée technique : électricité, froid et climatisation, mécanique automobile, maçonnerie.",
        contact: "Mamadou Diallo",
        phone: "+221330000111",
        verification: Verification::Verified,
        locale: Locale::Fr,
    },
    DemoInstitution {
        slug: "hopital-kankan",
        name: "Hôpital régional de Kankan",
        kind: Kind::Hospital,
        country: "GN",
        city: "Kankan",
        sectors: &[Health],
        website: "",
        description: "Hôpital de référence de la Haute-Guinée : maternité, pédiatrie, laboratoire, centre de traitement des épidémies.",
        contact: "Dr Fatoumata Camara",
        phone: "+224620000111",
        verification: Verification::Verified,
        locale: Locale::Fr,
    },
    DemoInstitution {
        slug: "kindia-digital",
        name: "Kindia Services Numériques SARL",
        kind: Kind::Company,
        country: "GN",
        city: "Kindia",
        sectors: &[Ict],
        website: "",
        description: "Entreprise de services informatiques.",
        contact: "Ibrahima Sow",
        phone: "+224620000222",
        verification: Verification::Rejected,
        locale: Locale::Fr,
    },
];

/// An institution seeded: its member, as an actor.
pub struct Seeded {
    pub actor: Actor,
}

/// The email of an institution's member: the demo institution account for the home
/// institution, `<slug>@members.passerelle.example` for the others.
pub fn member_email(institution: &DemoInstitution) -> String {
    if institution.slug == HOME {
        "institution@passerelle.example".to_owned()
    } else {
        format!("{}@members.passerelle.example", institution.slug)
    }
}

/// Creates every institution (unverified): slug → id.
pub async fn create_all(db: &Db) -> anyhow::Result<HashMap<&'static str, InstitutionId>> {
    let mut tx = db.begin().await?;
    let mut ids = HashMap::new();
    for i in INSTITUTIONS {
        let fields = InstitutionFields {
            name: i.name.into(),
            kind: i.kind,
            country: Country::parse(i.country)?,
            city: i.city.into(),
            sectors: i.sectors.to_vec(),
            website: i.website.into(),
            description: i.description.into(),
            contact_name: i.contact.into(),
            contact_email: member_email(i),
            contact_phone: i.phone.into(),
        };
        ids.insert(i.slug, institutions::create(&mut tx, &fields).await?);
    }
    tx.commit().await?;
    Ok(ids)
}

/// Gives each institution other than the home one a member (with `password_hash`, a password
/// nobody was told), then the coordinator's verdicts. Returns every institution with its member.
pub async fn members_and_verdicts(
    db: &Db,
    ids: &HashMap<&'static str, InstitutionId>,
    home_member: Actor,
    password_hash: &str,
    coordinator: &Actor,
) -> anyhow::Result<HashMap<&'static str, Seeded>> {
    let mut seeded = HashMap::new();
    let mut tx = db.begin().await?;
    for i in INSTITUTIONS {
        let id = ids[i.slug];
        let actor = if i.slug == HOME {
            home_member.clone()
        } else {
            let user = users::insert(
                &mut tx,
                &NewUser {
                    email: Email::parse(&member_email(i))?,
                    name: i.contact.trim_start_matches("Dr ").trim_start_matches("Pr ").into(),
                    role: Role::Institution,
                    password_hash: password_hash.to_owned(),
                    locale: i.locale,
                    institution: Some((id, Membership::Active)),
                    email_verified: true,
                },
            )
            .await?;
            user.actor()
        };
        seeded.insert(i.slug, Seeded { actor });
    }
    tx.commit().await?;
    for i in INSTITUTIONS.iter().filter(|i| i.verification != Verification::Unverified) {
        let comment = match i.verification {
            Verification::Rejected => "No registration found at the trade register; contact did not answer.",
            _ => "Checked with the programme's partner in the country.",
        };
        institutions::verify_by(db, coordinator, ids[i.slug], i.verification, comment, "").await?;
    }
    Ok(seeded)
}
