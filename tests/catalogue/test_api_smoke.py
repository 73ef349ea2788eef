from tests.catalogue.conftest import package


def test_create_show_search(ckan, owner, anonymous_ckan):
    created = ckan.ok("package_create", package("air-quality", owner))
    assert created["name"] == "air-quality"
    shown = anonymous_ckan.ok("package_show", {"id": "air-quality"}, method="get")
    assert shown["title"] == "คุณภาพอากาศรายชั่วโมงเมืองภูเก็ต"
    found = anonymous_ckan.ok(
        "package_search", {"q": "คุณภาพอากาศ", "facet.field": '["tags","organization"]'}, method="get"
    )
    assert found["count"] == 1
    assert found["facets"]["tags"] == {"air quality": 1, "ฝุ่น": 1}


def test_no_catalogue_model_is_in_the_django_admin():
    # Every write goes through catalogue/services.py (derived records, fragments, search words, audit); the admin
    # would save models around it, so the catalogue is edited through its pages and the CKAN API only.
    from django.contrib import admin

    assert not [model for model in admin.site._registry if model._meta.app_label == "catalogue"]
