"""The program as announced on 11 March 2019: seven domains, five criteria, city types,
designations and the criteria set "ประกาศ 1/2562" (version 1)."""

from django.db import migrations

from smartcity.program import seed


def load(apps, schema_editor):
    Domain = apps.get_model("program", "Domain")
    Criterion = apps.get_model("program", "Criterion")
    CityType = apps.get_model("program", "CityType")
    Designation = apps.get_model("program", "Designation")
    CriteriaSet = apps.get_model("program", "CriteriaSet")
    for order, (code, name_th, name_en, colour) in enumerate(seed.DOMAINS, start=1):
        Domain.objects.update_or_create(
            code=code, defaults={"name_th": name_th, "name_en": name_en, "colour": colour, "order": order}
        )
    for criterion in seed.CRITERIA:
        Criterion.objects.update_or_create(number=criterion["number"], defaults=criterion)
    for code, name_th, name_en, desc_th, desc_en in seed.CITY_TYPES:
        CityType.objects.update_or_create(
            code=code,
            defaults={
                "name_th": name_th,
                "name_en": name_en,
                "description_th": desc_th,
                "description_en": desc_en,
            },
        )
    for code, name_th, name_en, desc_th, desc_en in seed.DESIGNATIONS:
        Designation.objects.update_or_create(
            code=code,
            defaults={
                "name_th": name_th,
                "name_en": name_en,
                "description_th": desc_th,
                "description_en": desc_en,
            },
        )
    data = dict(seed.CRITERIA_SET_2019)
    CriteriaSet.objects.update_or_create(version=data.pop("version"), defaults=data)


class Migration(migrations.Migration):
    dependencies = [("program", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
