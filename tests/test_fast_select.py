"""cite_emploi.forms.FastSelect renders the very HTML of Django's Select template (issue 13: the list filters)."""

import pytest
from django import forms

from cite_emploi.forms import FastSelect

CHOICES = [
    ("", "Tous"),
    (1, "Quartier <Nord> & « Sud »"),
    ('Groupe "A"', [(2, "Deux"), (3, "Trois")]),
    (4, "Quatre"),
]


class Both(forms.Form):
    fast = forms.ChoiceField(choices=CHOICES, required=False, widget=FastSelect(attrs={"class": "form-select"}))
    slow = forms.ChoiceField(choices=CHOICES, required=False, widget=forms.Select(attrs={"class": "form-select"}))
    fast_required = forms.ChoiceField(choices=CHOICES, widget=FastSelect(attrs={"data-x": True, "data-y": False}))
    slow_required = forms.ChoiceField(choices=CHOICES, widget=forms.Select(attrs={"data-x": True, "data-y": False}))


def _same(form, fast, slow):
    assert str(form[fast]).replace(f'"{fast}"', '"X"').replace(f"id_{fast}", "id_X") == str(form[slow]).replace(
        f'"{slow}"', '"X"'
    ).replace(f"id_{slow}", "id_X")


@pytest.mark.parametrize(
    "data",
    [None, {"fast": "3", "slow": "3"}, {"fast": "<b>", "slow": "<b>", "fast_required": "", "slow_required": ""}],
)
def test_same_html_as_the_django_template(data):
    form = Both(data)
    form.is_valid()
    _same(form, "fast", "slow")
    _same(form, "fast_required", "slow_required")
    html = str(form["fast"])
    assert "Quartier &lt;Nord&gt; &amp; « Sud »" in html
    assert '<optgroup label="Groupe &quot;A&quot;">' in html


def test_model_choice_values_render_as_their_pk(db):
    from partners.models import Territory
    from tests.factories import TerritoryFactory

    TerritoryFactory.create_batch(2)

    class Pick(forms.Form):
        fast = forms.ModelChoiceField(Territory.objects.order_by("pk"), widget=FastSelect)
        slow = forms.ModelChoiceField(Territory.objects.order_by("pk"))

    form = Pick({"fast": Territory.objects.first().pk, "slow": Territory.objects.first().pk})
    _same(form, "fast", "slow")
