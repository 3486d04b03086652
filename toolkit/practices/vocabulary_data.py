"""The starting vocabularies (English names). Loaded by a migration; editors manage them after.
Names are translated like any snippet (wagtail-localize); codes never change."""

SECTORS = [
    ("adult-education", "Adult education"),
    ("language-learning", "Language learning"),
    ("vocational", "Vocational education and training"),
    ("school", "School education"),
    ("higher-education", "Higher education"),
    ("non-formal", "Non-formal learning"),
    ("informal", "Informal learning"),
]
TARGET_GROUPS = [
    ("asylum-seekers", "Asylum seekers"),
    ("refugees", "Refugees"),
    ("other-migrants", "Other migrants"),
    ("unaccompanied-minors", "Unaccompanied minors"),
    ("women", "Women"),
    ("young-people", "Young people"),
    ("educators-and-staff", "Educators and staff"),
    ("host-community", "Host community"),
    ("employers", "Employers"),
]
APPROACHES = [
    ("awareness-raising", "Awareness raising"),
    ("lobbying", "Lobbying"),
    ("campaigning", "Campaigning"),
    ("participatory-co-design", "Participatory co-design"),
    ("research-and-evidence", "Research and evidence"),
    ("coalition-building", "Coalition building"),
    ("training-of-professionals", "Training of professionals"),
    ("service-innovation", "Service innovation"),
    ("storytelling", "Storytelling"),
    ("legal-action", "Legal action"),
]
PRINCIPLES = [
    ("centrality-of-education", "Centrality of education and training"),
    ("hospitality", "Hospitality"),
    ("solidarity", "Solidarity"),
    ("protection-of-the-most-vulnerable", "Protection of the most vulnerable"),
    ("trust-in-a-shared-future", "Trust in a shared future"),
    ("accountability", "Accountability of institutions and the third sector"),
    ("networks", "Networks"),
    ("culture-of-knowledge-and-data", "A culture of knowledge and data"),
    ("centrality-of-narrative", "Centrality of narrative"),
    ("curiosity-and-respect", "Curiosity and respect"),
]
PARTICIPATION_LEVELS = [
    ("informed", "Informed", "Migrants are told about the work and its results."),
    ("consulted", "Consulted", "Migrants are asked for their views; others decide."),
    ("co-designed", "Co-designed", "Migrants shape the work and decide together with others."),
    ("migrant-led", "Migrant-led", "Migrants or migrant-led organisations lead the work."),
]
EVIDENCE_TYPES = [
    ("external-evaluation", "External evaluation"),
    ("internal-evaluation", "Internal evaluation"),
    ("monitoring-data", "Monitoring data"),
    ("participant-feedback", "Participant feedback"),
    ("case-study", "Case study"),
    ("research-study", "Research study"),
]
EVIDENCE_STRENGTHS = [
    ("anecdotal", "Anecdotal", "Stories and impressions, not yet collected systematically."),
    ("emerging", "Emerging", "Some data collected; early signs of results."),
    ("moderate", "Moderate", "Consistent data over time or from several sources."),
    ("strong", "Strong", "Independent evaluation or research with a clear method."),
]
LANGUAGES = [
    ("en", "English"),
    ("it", "Italian"),
    ("de", "German"),
    ("es", "Spanish"),
    ("el", "Greek"),
    ("fr", "French"),
    ("ar", "Arabic"),
    ("uk", "Ukrainian"),
    ("fa", "Persian (Farsi, Dari)"),
    ("ps", "Pashto"),
    ("ti", "Tigrinya"),
    ("so", "Somali"),
    ("ur", "Urdu"),
    ("bn", "Bengali"),
    ("ru", "Russian"),
    ("tr", "Turkish"),
    ("pt", "Portuguese"),
    ("ro", "Romanian"),
    ("pl", "Polish"),
    ("nl", "Dutch"),
    ("sv", "Swedish"),
    ("ku", "Kurdish"),
    ("am", "Amharic"),
]

ALL = {
    "Sector": SECTORS,
    "TargetGroup": TARGET_GROUPS,
    "Approach": APPROACHES,
    "Principle": PRINCIPLES,
    "ParticipationLevel": PARTICIPATION_LEVELS,
    "EvidenceType": EVIDENCE_TYPES,
    "EvidenceStrength": EVIDENCE_STRENGTHS,
    "Language": LANGUAGES,
}
