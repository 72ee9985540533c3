"""On a 360 × 740 phone every main page fits the screen (no sideways scrolling), the case page has a section bar,
and a failed upload or note brings the user to the error with the focus on it."""

import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import expect

from cases.models import Case, Signal
from interventions.models import CaseReview, Intervention

from .journey import log_in, log_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo", force=True)


@pytest.fixture
def phone(page):
    page.set_viewport_size(PHONE)
    return page


def overflow(page):
    """How many pixels the page is wider than the screen (0: no sideways scrolling), and the widest culprit."""
    return page.evaluate(
        """() => {
            const width = document.documentElement.clientWidth;
            let culprit = "";
            for (const el of document.querySelectorAll("body *")) {
                const box = el.getBoundingClientRect();
                const own = getComputedStyle(el).position === "fixed" || el.closest(".section-bar ul");
                if (box.right > width + 1 && !own) {
                    culprit = el.tagName + "." + el.className + " " + (el.textContent || "").trim().slice(0, 40);
                    break;
                }
            }
            return [document.documentElement.scrollWidth - width, culprit];
        }"""
    )


def main_pages(username):
    """The pages someone uses every day, as that demo user."""
    case = Case.objects.filter(participants__organisation__memberships__user__username=username).order_by("pk").first()
    pages = [
        reverse("cases:home"),
        reverse("cases:index"),
        reverse("cases:index") + "?status=open&ordering=priority",
        reverse("cases:signal_list"),
        reverse("cases:signal_new"),
        reverse("interventions:mine"),
        reverse("interventions:organisation"),
        reverse("notifications:list"),
        reverse("notifications:preferences"),
        reverse("accounts:tokens"),
    ]
    signal = Signal.objects.filter(reporting_organisation__memberships__user__username=username).first()
    if signal:
        pages.append(reverse("cases:signal_detail", args=[signal.pk]))
    if signal and signal.postcode:
        pages.append(reverse("cases:address", kwargs={"postcode": signal.postcode.replace(" ", ""),
                                                      "house_number": signal.house_number}))  # fmt: skip
    if case:
        pages += [reverse("cases:detail", args=[case.pk]), reverse("interventions:add_action", args=[case.pk])]
        if intervention := Intervention.objects.filter(case=case).first():
            pages.append(reverse("interventions:intervention", args=[case.pk, intervention.pk]))
        if review := CaseReview.objects.filter(case=case).first():
            pages.append(reverse("interventions:review", args=[case.pk, review.pk]))
        if person := case.persons.first():
            pages.append(reverse("cases:person", args=[case.pk, person.pk]))
    return pages


MANAGER_PAGES = ["dashboards:neighbourhoods", "dashboards:partners", "dashboards:cases", "monitor:overview"]
DIRECTOR_PAGES = ["dashboards:neighbourhoods"]


@pytest.mark.parametrize("username", ["wijkconsulent", "regisseur", "manager"])
def test_no_main_page_is_wider_than_a_phone(live_server, phone, demo, username):
    pages = main_pages(username) + [reverse(name) for name in (MANAGER_PAGES if username == "manager" else [])]
    if username == "regisseur":
        case = Case.objects.filter(case_director__username="regisseur", status="in_progress").first()
        pages += [
            reverse(name, args=[case.pk])
            for name in ["cases:edit", "interventions:add_intervention", "interventions:schedule_review"]
        ] + [reverse("cases:access_log", args=[case.pk])]
    log_in(phone, live_server, username)
    wide = {}
    for path in pages:
        response = phone.goto(live_server.url + path)
        assert response.status == 200, path
        title = phone.title()
        assert title.endswith(" · Veerkracht") and not title.startswith(" · "), (path, title)
        extra, culprit = overflow(phone)
        if extra > 0:
            wide[path] = f"{extra}px wider: {culprit}"
    assert not wide, wide


def test_the_case_page_has_a_section_bar_and_the_failed_upload_and_note_bring_you_to_the_error(
    live_server, phone, demo
):
    case = Case.objects.filter(
        participants__organisation__memberships__user__username="wijkconsulent", status="in_progress"
    ).first()
    log_in(phone, live_server, "wijkconsulent")
    phone.goto(f"{live_server.url}/casussen/{case.pk}/")
    expect(phone).to_have_title(re.compile(rf"^{re.escape(case.title)} · Casus · Veerkracht$"))
    bar = phone.get_by_role("navigation", name="Onderdelen van de casus")
    for name in ["Plan", "Acties", "Betrokkenen", "Notities", "Bijlagen", "Deelnemers", "Verwerkingen", "Tijdlijn"]:
        expect(bar.get_by_role("link", name=name, exact=True)).to_be_visible()
    bar.get_by_role("link", name="Bijlagen", exact=True).click()
    expect(phone).to_have_url(re.compile("#attachments$"))
    expect(phone.get_by_role("heading", name="Bijlagen", exact=True)).to_be_in_viewport()
    expect(bar).to_be_in_viewport()  # it stays at the top

    # Every form leaves checking to the server, so the messages are its Dutch ones.
    assert phone.evaluate("() => [...document.forms].every(form => form.noValidate)")

    # A file of a kind that is refused: the page comes back at the file field, with the focus on it.
    attachments = phone.get_by_role("region", name="Bijlagen")
    attachments.get_by_label("Bestand").set_input_files(
        {"name": "notities.txt", "mimeType": "text/plain", "buffer": b"gewoon tekst"}
    )
    attachments.get_by_role("button", name="Bestand bijvoegen").click()
    file_field = phone.locator("#attachment_file")
    expect(file_field).to_be_focused()
    expect(file_field).to_be_in_viewport()
    expect(phone.get_by_role("region", name="Bijlagen").get_by_role("alert")).to_be_visible()
    assert overflow(phone)[0] <= 0

    # An empty note (htmx): the error, with the focus in the note field.
    notes = phone.get_by_role("region", name="Notities")
    notes.get_by_role("button", name="Notitie opslaan").click()
    expect(phone.get_by_text("Schrijf iets voordat je de notitie opslaat.")).to_be_visible()
    expect(phone.locator("#note_body")).to_be_focused()
    log_out(phone)
