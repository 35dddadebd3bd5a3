"""`{% url %}` remembering its answers (cite_emploi.templatetags.fast_url) answers what Django's answers."""

import pytest
from django.template import Context, Engine, Template
from django.urls import NoReverseMatch, get_resolver, path, reverse, set_script_prefix

from cite_emploi import reversing
from cite_emploi.templatetags import fast_url


def _names(resolver=None, prefix=""):
    """Every URL name of the project, namespaced ones included ("cohorts:job_seeker_detail")."""
    resolver = resolver or get_resolver()
    names = {f"{prefix}{name}" for name in resolver.reverse_dict if isinstance(name, str)}
    for namespace, (_pattern, sub_resolver) in resolver.namespace_dict.items():
        names |= _names(sub_resolver, f"{prefix}{namespace}:")
    return names


def test_our_url_tag_is_the_one_templates_use():
    assert any(library is fast_url.register for library in Engine.get_default().template_builtins)
    node = Template("{% url 'home' %}").nodelist[0]
    assert isinstance(node, fast_url.URLNode)


@pytest.mark.parametrize("args", [(), (7,), ("42",), ("csv",), (3, 4)])
def test_every_named_url_reverses_as_django_s_reverse_does_twice(args):
    compared = 0
    for name in sorted(_names()):
        try:
            expected = reverse(name, args=args)
        except NoReverseMatch:
            with pytest.raises(NoReverseMatch):
                reversing.cached_reverse(name, args=args)
            continue
        assert reversing.cached_reverse(name, args=args) == expected == reversing.cached_reverse(name, args=args)
        compared += 1
    assert compared >= 10  # the names this shape of arguments fits


def test_namespaced_names_and_the_tag_s_output():
    reversing._REVERSED.clear()
    template = Template(
        "{% url 'cohorts:job_seeker_detail' pk %}|{% url 'cohorts:job_seeker_list' as list %}[{{ list }}]"
    )
    assert template.render(Context({"pk": 12})) == f"{reverse('cohorts:job_seeker_detail', args=[12])}|[/cohorte/]"
    assert template.render(Context({"pk": 13})).startswith(reverse("cohorts:job_seeker_detail", args=[13]))
    with pytest.raises(NoReverseMatch):
        Template("{% url 'nowhere' %}").render(Context())
    assert Template("{% url 'nowhere' as gone %}[{{ gone }}]").render(Context()) == "[]"


def test_the_script_prefix_is_part_of_the_key():
    reversing._REVERSED.clear()
    try:
        set_script_prefix("/cite/")
        assert reversing.cached_reverse("home") == "/cite/"
    finally:
        set_script_prefix("/")
    assert reversing.cached_reverse("home") == "/"


def test_objects_are_reversed_each_time_not_remembered(coordinator):
    reversing._REVERSED.clear()
    organisation = coordinator.organisation
    reversing.cached_reverse("partners:organisation_detail", args=[organisation.pk])
    reversing.cached_reverse("cohorts:job_seeker_list", args=[], kwargs={})
    remembered = len(reversing._REVERSED)

    class Slug:
        def __str__(self):
            return "7"

    assert reversing.cached_reverse("partners:organisation_detail", args=[Slug()]) == reverse(
        "partners:organisation_detail", args=["7"]
    )
    assert len(reversing._REVERSED) == remembered


def test_a_template_s_url_is_remembered_and_booleans_are_not_taken_for_integers():
    reversing._REVERSED.clear()
    Template("{% url 'cohorts:job_seeker_detail' 1 %}").render(Context())
    assert len(reversing._REVERSED) == 1  # the literal view name is a SafeString: still a key
    assert reversing.cached_reverse("cohorts:job_seeker_detail", args=[1]).endswith("/1/")
    with pytest.raises(NoReverseMatch):
        reversing.cached_reverse("cohorts:job_seeker_detail", args=[True])


def _nowhere(request):  # pragma: no cover - only reversed
    raise AssertionError


urlpatterns = [path("autre-accueil/", _nowhere, name="home")]  # the URL configuration of the test below


def test_the_url_configuration_is_part_of_the_key(settings):
    reversing._REVERSED.clear()
    assert reversing.cached_reverse("home") == "/"
    settings.ROOT_URLCONF = "tests.test_fast_url"
    assert reversing.cached_reverse("home") == "/autre-accueil/"
    settings.ROOT_URLCONF = "cite_emploi.urls"
    assert reversing.cached_reverse("home") == "/"
