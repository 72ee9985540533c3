"""factory-boy factories for the whole domain; tests build only what they need."""

import datetime

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from cases.models import Case, CaseParticipant, Note, Signal
from interventions.models import Action, Intervention
from neighbourhoods.models import District, Municipality, Neighbourhood
from partners.models import Membership, Organisation, Team


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ("code",)

    code = "GM0363"
    name = "Amsterdam"
    year = 2019


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = District

    code = factory.Sequence(lambda n: f"WK0363{n % 100:02d}")
    name = factory.Sequence(lambda n: f"Wijk {n}")
    year = 2019
    municipality = factory.SubFactory(MunicipalityFactory)


class NeighbourhoodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Neighbourhood

    district = factory.SubFactory(DistrictFactory)
    code = factory.LazyAttributeSequence(lambda o, n: f"BU{o.district.code[2:]}{n % 100:02d}")
    name = factory.Sequence(lambda n: f"Buurt {n}")
    year = 2019


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Organisatie {n}")
    kind = "housing_corporation"


class UserFactory(factory.django.DjangoModelFactory):
    """A user with password `demo` and, unless organisation=None, one membership with `role`."""

    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Sam"
    last_name = factory.Sequence(lambda n: f"Jansen {n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    organisation = factory.SubFactory(OrganisationFactory)
    role = "professional"

    @classmethod
    def _create(cls, model_class, *args, organisation=None, role="professional", **kwargs):
        user = super()._create(model_class, *args, **kwargs)
        if not user.password or not user.has_usable_password():
            user.set_password("demo")
            user.save(update_fields=["password"])
        if organisation is not None:
            Membership.objects.get_or_create(user=user, organisation=organisation, defaults={"role": role})
        return user


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team
        django_get_or_create = ("name",)
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Wijkteam {n}")

    @factory.post_generation
    def members(team, create, extracted, **kwargs):
        if create and extracted:
            team.members.add(*extracted)

    @factory.post_generation
    def neighbourhoods(team, create, extracted, **kwargs):
        if create and extracted:
            team.neighbourhoods.add(*extracted)


class SignalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Signal

    neighbourhood = factory.SubFactory(NeighbourhoodFactory)
    category = "GEL"
    severity = "medium"
    description = "Harde muziek tot diep in de nacht."
    reporting_organisation = factory.SubFactory(OrganisationFactory)
    reported_by = factory.SubFactory(UserFactory, organisation=factory.SelfAttribute("..reporting_organisation"))
    occurred_at = factory.LazyFunction(timezone.now)


class CaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Case

    title = factory.Sequence(lambda n: f"Overlast portiek {n}")
    neighbourhood = factory.SubFactory(NeighbourhoodFactory)
    lead_organisation = factory.SubFactory(OrganisationFactory)
    case_director = factory.SubFactory(
        UserFactory, organisation=factory.SelfAttribute("..lead_organisation"), role="case_director"
    )
    status = "in_progress"


class CaseParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CaseParticipant

    case = factory.SubFactory(CaseFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    legal_basis = "Wet aanpak woonoverlast"
    since = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=30))


class NoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Note

    case = factory.SubFactory(CaseFactory)
    author = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    body = "Huisbezoek afgelegd, bewoner stond open voor hulp."
    visibility = "all"


class InterventionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Intervention

    case = factory.SubFactory(CaseFactory)
    kind = "home_visit"
    solution_direction = "care_and_support"
    goal = "Zicht krijgen op de hulpvraag achter de voordeur."
    lead_organisation = factory.SubFactory(OrganisationFactory)
    owner = factory.SubFactory(UserFactory, organisation=factory.SelfAttribute("..lead_organisation"))


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    case = factory.SubFactory(CaseFactory)
    title = factory.Sequence(lambda n: f"Bewoner bellen {n}")
    organisation = factory.SubFactory(OrganisationFactory)
    assignee = factory.SubFactory(UserFactory, organisation=factory.SelfAttribute("..organisation"))
    due_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=7))


class AttachmentFactory(factory.django.DjangoModelFactory):
    """An attachment with a small, real PDF behind it (stored under the test's MEDIA_ROOT)."""

    class Meta:
        model = "cases.Attachment"

    case = factory.SubFactory(CaseFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    uploaded_by = factory.SubFactory(UserFactory, organisation=factory.SelfAttribute("..organisation"))
    original_name = "verslag huisbezoek.pdf"
    file = factory.django.FileField(filename="verslag.pdf", data=b"%PDF-1.4\n%test\n")
    size = 15
    content_type = "application/pdf"
