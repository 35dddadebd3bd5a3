from django.apps import AppConfig


class FseConfig(AppConfig):
    name = "fse"
    verbose_name = "FSE+ (opérations cofinancées)"

    def ready(self):
        # The top layer: it fills the lower apps' registries, they never import it.
        from actions import page_links
        from cohorts import retention as cohort_retention
        from cohorts import rights
        from reporting.management.commands import seed_demo

        from . import demo
        from .links import action_page_links
        from .person_file import personal_file_fse
        from .retention import keep_evidence

        cohort_retention.register_anonymisation_hook(keep_evidence)
        page_links.register(action_page_links)
        rights.PERSONAL_FILE_SECTIONS["fse_plus"] = personal_file_fse
        if demo.seed not in seed_demo.LATER_STEPS:
            seed_demo.LATER_STEPS.append(demo.seed)
