"""The Annex I common indicators (Regulation (EU) 2021/1057): their codes, labels and the rule of each count.

ONE list, read by the indicator table (page, CSV/XLSX, API, bilan PDF) and by the participants export's columns; the
codes are those of the SFC2021 nomenclature used by Ma Démarche FSE+ (documented in docs/fse.md).
"""

from dataclasses import dataclass

from .enums import AgeBand, EducationLevel, LabourMarketStatus

ENTRY, LEAVING, SIX_MONTHS = "entry", "leaving", "six_months"


@dataclass(frozen=True)
class Indicator:
    code: str
    label: str
    moment: str  # entry (outputs, by date of entry), leaving, six_months (results, by date of leaving / + 6 months)
    field: str  # the participant value read
    value: object = True  # counted when the value equals this (or is in it, for a tuple)
    annex: bool = True  # False: a national complement, not an Annex I indicator
    sensitive: bool = False

    def counts(self, values: dict) -> bool:
        value = values.get(self.field)
        if isinstance(self.value, tuple):
            return value in self.value
        return value == self.value


INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        "EECO01",
        "Chômeurs, y compris chômeurs de longue durée",
        ENTRY,
        "labour_market_status",
        (LabourMarketStatus.UNEMPLOYED, LabourMarketStatus.LONG_TERM_UNEMPLOYED),
    ),
    Indicator(
        "EECO02", "Chômeurs de longue durée", ENTRY, "labour_market_status", LabourMarketStatus.LONG_TERM_UNEMPLOYED
    ),
    Indicator("EECO03", "Personnes inactives", ENTRY, "labour_market_status", LabourMarketStatus.INACTIVE),
    Indicator(
        "EECO04",
        "Personnes exerçant un emploi, y compris les indépendants",
        ENTRY,
        "labour_market_status",
        LabourMarketStatus.EMPLOYED,
    ),
    Indicator("EECO05", "Moins de 18 ans", ENTRY, "age_band", AgeBand.UNDER_18),
    Indicator("EECO06", "18 à 29 ans", ENTRY, "age_band", AgeBand.FROM_18_TO_29),
    Indicator("AGE3054", "30 à 54 ans (complément national)", ENTRY, "age_band", AgeBand.FROM_30_TO_54, annex=False),
    Indicator("EECO07", "55 ans et plus", ENTRY, "age_band", AgeBand.FROM_55),
    Indicator(
        "EECO08",
        "Enseignement secondaire inférieur ou moins (CITE 0 à 2)",
        ENTRY,
        "education_level",
        EducationLevel.ISCED_0_2,
    ),
    Indicator(
        "EECO09",
        "Enseignement secondaire supérieur ou post-secondaire (CITE 3 et 4)",
        ENTRY,
        "education_level",
        EducationLevel.ISCED_3_4,
    ),
    Indicator("EECO10", "Enseignement supérieur (CITE 5 à 8)", ENTRY, "education_level", EducationLevel.ISCED_5_8),
    Indicator("EECO11", "Nombre total de participants", ENTRY, "counted", True),
    Indicator("EECO12", "Participants handicapés", ENTRY, "disability", "yes", sensitive=True),
    Indicator("EECO13", "Ressortissants de pays tiers", ENTRY, "third_country_national", "yes", sensitive=True),
    Indicator("EECO14", "Participants d'origine étrangère", ENTRY, "foreign_background", "yes", sensitive=True),
    Indicator(
        "EECO15",
        "Minorités (y compris les communautés marginalisées telles que les Roms)",
        ENTRY,
        "minority",
        "yes",
        sensitive=True,
    ),
    Indicator("EECO16", "Sans domicile ou personnes exclues du logement", ENTRY, "homeless", "yes", sensitive=True),
    Indicator("EECO17", "Participants issus de zones rurales", ENTRY, "rural_area", "yes", sensitive=True),
    Indicator(
        "EECR01",
        "Participants à la recherche d'un emploi au terme de leur participation",
        LEAVING,
        "leaving_job_searching",
    ),
    Indicator(
        "EECR02",
        "Participants suivant des études ou une formation au terme de leur participation",
        LEAVING,
        "leaving_in_education",
    ),
    Indicator(
        "EECR03",
        "Participants obtenant une qualification au terme de leur participation",
        LEAVING,
        "leaving_qualification",
    ),
    Indicator(
        "EECR04",
        "Participants exerçant un emploi, y compris à titre indépendant, au terme de leur participation",
        LEAVING,
        "leaving_employed",
    ),
    Indicator(
        "EECR05",
        "Participants exerçant un emploi, y compris à titre indépendant, six mois après la fin de leur participation",
        SIX_MONTHS,
        "six_months_employed",
    ),
    Indicator(
        "EECR06",
        "Participants dont la situation sur le marché du travail s'est améliorée six mois après la fin de "
        "leur participation",
        SIX_MONTHS,
        "six_months_improved",
    ),
)
BY_CODE = {indicator.code: indicator for indicator in INDICATORS}
# Partitions of the counted participants: each group adds up to EECO11 (a constraint of statistical secrecy).
PARTITIONS = (("EECO01", "EECO03", "EECO04"), ("EECO05", "EECO06", "AGE3054", "EECO07"), ("EECO08", "EECO09", "EECO10"))
