from django.contrib import admin

from core.admin import NeedToKnowDeletionMixin

from .models import (
    KEY_FIGURES,
    District,
    DistrictStatistics,
    Municipality,
    MunicipalityStatistics,
    Neighbourhood,
    NeighbourhoodStatistics,
)


class MunicipalityStatisticsInline(admin.TabularInline):
    model = MunicipalityStatistics
    extra = 0
    fields = ["year", *KEY_FIGURES, "source"]


class DistrictStatisticsInline(admin.TabularInline):
    model = DistrictStatistics
    extra = 0
    fields = ["year", *KEY_FIGURES, "source"]


@admin.register(Municipality)
class MunicipalityAdmin(NeedToKnowDeletionMixin, admin.ModelAdmin):
    list_display = ["code", "name", "year"]
    list_filter = ["year"]
    search_fields = ["name", "code"]
    inlines = [MunicipalityStatisticsInline]


@admin.register(District)
class DistrictAdmin(NeedToKnowDeletionMixin, admin.ModelAdmin):
    list_display = ["code", "name", "municipality", "year"]
    list_filter = ["municipality", "year"]
    list_select_related = ["municipality"]
    search_fields = ["name", "code"]
    autocomplete_fields = ["municipality"]
    inlines = [DistrictStatisticsInline]


class NeighbourhoodStatisticsInline(admin.TabularInline):
    model = NeighbourhoodStatistics
    extra = 0
    fields = [
        "year",
        "households",
        "education_low_pct",
        "education_middle_pct",
        "education_high_pct",
        "ses_woa_score",
        "ses_woa_spread",
        "leefbaarometer_class",
        *KEY_FIGURES,
        "source",
    ]


@admin.register(Neighbourhood)
class NeighbourhoodAdmin(NeedToKnowDeletionMixin, admin.ModelAdmin):
    list_display = ["code", "name", "district", "year"]
    list_filter = ["district__municipality", "year"]
    list_select_related = ["district"]
    search_fields = ["name", "code"]
    autocomplete_fields = ["district"]
    inlines = [NeighbourhoodStatisticsInline]


@admin.register(NeighbourhoodStatistics)
class NeighbourhoodStatisticsAdmin(NeedToKnowDeletionMixin, admin.ModelAdmin):
    list_display = [
        "neighbourhood",
        "year",
        "households",
        "education_low_pct",
        "education_middle_pct",
        "education_high_pct",
        "ses_woa_score",
        "ses_woa_spread",
        "inhabitants",
        "average_woz_value",
        "low_income_households_pct",
        "source",
    ]
    list_filter = ["year"]
    list_select_related = ["neighbourhood"]
    search_fields = ["neighbourhood__name", "neighbourhood__code"]
    autocomplete_fields = ["neighbourhood"]


@admin.register(MunicipalityStatistics)
class MunicipalityStatisticsAdmin(NeedToKnowDeletionMixin, admin.ModelAdmin):
    list_display = ["municipality", "year", *KEY_FIGURES, "source"]
    list_filter = ["year"]
    list_select_related = ["municipality"]
    search_fields = ["municipality__name", "municipality__code"]
    autocomplete_fields = ["municipality"]


@admin.register(DistrictStatistics)
class DistrictStatisticsAdmin(NeedToKnowDeletionMixin, admin.ModelAdmin):
    list_display = ["district", "year", *KEY_FIGURES, "source"]
    list_filter = ["year", "district__municipality"]
    list_select_related = ["district"]
    search_fields = ["district__name", "district__code"]
    autocomplete_fields = ["district"]
