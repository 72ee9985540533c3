from django.contrib import admin

from .models import District, Municipality, Neighbourhood, NeighbourhoodStatistics


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "year"]
    list_filter = ["year"]
    search_fields = ["name", "code"]


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "municipality", "year"]
    list_filter = ["municipality", "year"]
    list_select_related = ["municipality"]
    search_fields = ["name", "code"]
    autocomplete_fields = ["municipality"]


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
        "corporation_homes_pct",
        "leefbaarometer_class",
        "source",
    ]


@admin.register(Neighbourhood)
class NeighbourhoodAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "district", "year"]
    list_filter = ["district__municipality", "year"]
    list_select_related = ["district"]
    search_fields = ["name", "code"]
    autocomplete_fields = ["district"]
    inlines = [NeighbourhoodStatisticsInline]


@admin.register(NeighbourhoodStatistics)
class NeighbourhoodStatisticsAdmin(admin.ModelAdmin):
    list_display = [
        "neighbourhood",
        "year",
        "households",
        "education_low_pct",
        "education_middle_pct",
        "education_high_pct",
        "ses_woa_score",
        "ses_woa_spread",
        "source",
    ]
    list_filter = ["year"]
    list_select_related = ["neighbourhood"]
    search_fields = ["neighbourhood__name", "neighbourhood__code"]
    autocomplete_fields = ["neighbourhood"]
