//! The words role reading turns on: prepositions of place, clause
//! breaks, the nouns of forces and workers, light verbs and verbs of
//! saying. Kept apart from [`super::roles`] so that the rules read as code.

/// Prepositions that make a following place the event's location.
pub(super) const LOC_PREPS: &[&str] = &[
    "in",
    "at",
    "near",
    "from",
    "into",
    "inside",
    "outside",
    "across",
    "around",
    "to",
    "throughout",
    "through",
    "within",
    "aboard",
    "along",
    "off",
];

/// Words that end the stretch of a sentence an event takes its roles from.
pub(super) const CLAUSE_BREAKS: &[&str] = &[
    ";",
    "said",
    "says",
    "told",
    "according",
    "while",
    "but",
    "although",
    "whereas",
    "because",
    "unless",
    "until",
    "once",
    "“",
    "”",
    "\"",
    "that",
    "which",
    "who",
    "whose",
    "where",
    "when",
];

/// Where a place's name follows "of" ("the port of X"): the word before
/// it links the place.
pub(super) const PLACE_OF: &[&str] = &[
    "city", "town", "province", "port", "village", "region", "district", "state", "island",
    "capital", "county",
];

/// People who work for an employer, who strike against it.
pub(super) const WORKER_NOUNS: &[&str] = &[
    "workers",
    "employees",
    "staff",
    "nurses",
    "doctors",
    "pilots",
    "drivers",
    "teachers",
    "miners",
    "dockers",
    "dockworkers",
    "machinists",
    "engineers",
    "crew",
    "crews",
    "cabin",
    "journalists",
    "actors",
    "writers",
];

/// What a state acts through: its armed forces and their weapons.
pub(super) const FORCE_NOUNS: &[&str] = &[
    "troops",
    "forces",
    "force",
    "soldiers",
    "military",
    "army",
    "navy",
    "jets",
    "warplanes",
    "drones",
    "drone",
    "missiles",
    "missile",
    "artillery",
    "marines",
    "personnel",
    "police",
];

/// Adverbs that may stand between a subject and its verb.
pub(super) const ADVERBS: &[&str] = &[
    "first", "then", "later", "also", "again", "already", "soon", "still", "once", "now",
];

/// Verbs whose object names the event they stand for ("launched an
/// attack", "passed a resolution", "held talks").
pub(super) const LIGHT_VERBS: &[&str] = &[
    "launched",
    "launch",
    "launches",
    "launching",
    "carried",
    "conducted",
    "conducts",
    "staged",
    "stages",
    "held",
    "holds",
    "hold",
    "passed",
    "pass",
    "passes",
    "adopted",
    "adopts",
    "approved",
    "approves",
    "mounted",
    "made",
    "make",
    "makes",
    "signed",
    "signs",
    "began",
    "begins",
    "started",
    "ordered",
    "orders",
    "announced",
    "unleashed",
    "resumed",
    "resume",
];

/// Verbs of saying whose subject a following pronoun stands for.
pub(super) const SAYING_VERBS: &[&str] = &[
    "said",
    "says",
    "announced",
    "announces",
    "added",
    "confirmed",
    "stated",
    "warned",
    "vowed",
    "promised",
    "pledged",
];
