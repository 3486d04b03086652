"""The relevance test set: what a person would type, in English, Italian and Arabic, and the
bundled practice (toolkit/practices/content) they would expect among the first five results.

Chosen by reading the bundled practices, not by running the search: each expected practice
is the one the words describe best (its subject, its people, its place), and a filter stands
where a person would narrow the catalogue to one country first. The site search has no
filters, so it is asked the same words alone, or with the place among the words where the
catalogue had a country filter (`site_text`).

Used by test_relevance.py (every query must find its practice) and bench/relevance.py
(success@5 and mean reciprocal rank, before and after a change to the search)."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Case:
    language: str
    text: str
    expected: str  # the slug of the practice expected in the top 5
    filters: dict = field(default_factory=dict)  # catalogue filters, as in its address
    site_search: bool = True  # also asked of the site search (its top 10, without filters)
    # What a person types in the site search, which has no filters: the place goes into the
    # words ("… in Italy"). Empty: the same words as in the catalogue.
    site_text: str = ""
    # Still missed (the test expects the miss, strictly, so a fix shows): "catalogue", "site"
    misses: tuple = ()


CASES = [
    # English
    Case(
        "en",
        "language courses for refugees",
        "it-italian-classes-with-creche-bologna",
        {"country": "IT"},
        site_text="language courses for refugees in Italy",
    ),
    Case("en", "german courses with childcare", "de-uckermark-village-class-on-the-move"),
    Case(
        "en", "bridge semester for refugees at university", "de-bremen-open-campus-bridge-semester"
    ),
    Case(
        "en",
        "interpreting for parents at school meetings",
        "de-leipzig-parents-voices-interpreting",
    ),
    Case("en", "refused a school place asylum legal action", "de-cologne-education-rights-clinic"),
    Case(
        "en",
        "training teachers for newly arrived pupils",
        "fr-lille-welcoming-in-class-teacher-training",
        {"country": "FR"},
    ),
    Case(
        "en",
        "storytelling",
        "at-tyrol-stories-from-the-upper-valley",
        {"country": "AT"},
        site_search=False,
    ),
    Case("en", "study circles for migrant women", "se-womens-study-circles-malmo"),
    Case("en", "language café in a library", "se-library-language-cafe-stromsund"),
    Case("en", "ukrainian teaching assistants", "pl-ukrainian-teaching-assistants-warsaw"),
    Case("en", "podcast about the right to learn", "pt-right-to-learn-podcast-lisbon"),
    Case("en", "recognising care skills of refugees", "se-care-skills-validation-gothenburg"),
    Case(
        "en",
        "unaccompanied minors",
        "it-peer-mentors-leaving-reception-palermo",
        {"country": "IT"},
        site_search=False,
    ),
    Case(
        "en",
        "vocational training for asylum seekers",
        "it-boat-maintenance-apprenticeships-la-spezia",
        {"country": "IT"},
        site_search=False,
    ),
    Case("en", "legal action", "it-enrolment-complaint-bari", {"country": "IT"}, site_search=False),
    Case(
        "en",
        "higher education for refugees",
        "it-qualifications-desk-turin",
        {"country": "IT"},
        site_search=False,
    ),
    # Italian (the ten practices with a bundled Italian translation)
    Case(
        "it",
        "corsi di lingua per rifugiati",
        "it-italian-classes-with-creche-bologna",
        {"country": "IT"},
        misses=("catalogue", "site"),
    ),
    Case("it", "corsi di italiano per le mamme", "it-italian-classes-with-creche-bologna"),
    Case(
        "it",
        "minori stranieri non accompagnati",
        "it-peer-mentors-leaving-reception-palermo",
        {"country": "IT"},
        site_search=False,
    ),
    Case("it", "riconoscimento dei titoli di studio dei rifugiati", "it-qualifications-desk-turin"),
    Case("it", "doposcuola con i genitori rifugiati", "gr-homework-club-with-parents-athens"),
    Case(
        "it",
        "formazione degli insegnanti delle classi di accoglienza",
        "gr-reception-class-teacher-course-thessaloniki",
    ),
    Case("it", "certificati per i lavoratori agricoli", "gr-farm-workers-certificates-heraklion"),
    Case(
        "it",
        "formazione professionale per richiedenti asilo",
        "it-boat-maintenance-apprenticeships-la-spezia",
        {"country": "IT"},
        site_search=False,
    ),
    Case("it", "assistenti familiari", "it-home-care-workers-certificate-naples"),
    Case(
        "it", "azioni legali", "it-enrolment-complaint-bari", {"country": "IT"}, site_search=False
    ),
    # Arabic (the ten practices with a bundled Arabic translation); some written as people
    # often type: without hamza on the alef, without shadda, with ه for ة
    Case("ar", "دورات اللغة الألمانية مع رعاية الأطفال", "de-uckermark-village-class-on-the-move"),
    Case("ar", "مقهى اللغة في المكتبة", "se-library-language-cafe-stromsund"),
    Case("ar", "حلقات دراسية للنساء المهاجرات", "se-womens-study-circles-malmo"),
    Case(
        "ar",
        "الاعتراف بمهارات الرعاية للاجئين",
        "se-care-skills-validation-gothenburg",
        misses=("catalogue", "site"),
    ),
    Case("ar", "الترجمة الشفهية للاهل في المدرسة", "de-leipzig-parents-voices-interpreting"),
    Case(
        "ar",
        "التلمذة المهنية للاجئين الشباب",
        "de-hamburg-bridge-to-apprenticeship",
        misses=("catalogue", "site"),
    ),
    Case("ar", "اصوات نهر ايزار", "de-munich-voices-of-the-isar-story-archive"),
    Case("ar", "جسر للاهل بين المدرسه والاسر", "nl-parent-bridge-rotterdam-south"),
    Case(
        "ar",
        "تدريب المعلمين على تعليم التلاميذ الوافدين",
        "se-newcomer-pedagogy-umea",
        misses=("catalogue", "site"),
    ),
    Case("ar", "الطعن في رفض قبول طالبي اللجوء", "de-cologne-education-rights-clinic"),
]
