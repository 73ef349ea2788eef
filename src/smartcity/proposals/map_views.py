"""What the area map reads: Thailand's outline, a proposal's saved area, the place search and merged boundaries.
All reads; every write of an area goes through services.set_area from the section page or the API."""

from __future__ import annotations

import json

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, JsonResponse
from django.utils import translation
from django.utils.translation import gettext as _

from . import area_files, boundaries, geometry
from .views import visible_proposal


@login_required
def thailand_outline(request: HttpRequest) -> JsonResponse:
    return JsonResponse(geometry.to_geojson(geometry.thailand_outline()))


@login_required
def area_geojson(request: HttpRequest, pk: int) -> JsonResponse:
    proposal = visible_proposal(request, pk)
    return JsonResponse({"area": proposal.area, "area_km2": float(proposal.area_km2 or 0)})


def place_results(query: str) -> list[dict]:
    language = translation.get_language() or "th"
    return [place.as_dict(language) for place in boundaries.search_places(query)]


@login_required
def places(request: HttpRequest) -> JsonResponse:
    """The place search of the area map: provinces, districts and subdistricts by Thai or English name."""
    return JsonResponse({"places": place_results(request.GET.get("q", ""))})


@login_required
def merged_boundaries(request: HttpRequest) -> JsonResponse:
    """The chosen boundaries merged into one area (as "use this boundary" would save it), for editing on the map
    before saving; the codes stay with the page so that they join the administrative units."""
    codes = request.GET.getlist("code")[: boundaries.MAX_BOUNDARIES + 1]
    try:
        shape = boundaries.merged_area(codes)
    except boundaries.BoundaryError as error:
        return JsonResponse({"error": str(error), "code": error.code}, status=400)
    return JsonResponse({"area": geometry.to_geojson(shape), "area_km2": round(geometry.area_km2(shape), 3)})


def keep_refused_area(area_form, source: dict | None) -> dict | None:
    """After a refused save, keep what the applicant gave for the area on the page (an uploaded file cannot be
    sent back to the browser, so its shape goes into the drawing), and return the part outside Thailand, if any,
    for the map to show."""
    if not source or not area_form.is_bound:
        return None
    try:
        if source.get("filename"):
            shape = area_files.read_area_file(source["filename"], source["geojson"])
        elif source.get("geojson") is not None:
            raw = source["geojson"]
            shape = geometry.parse_geojson(raw if isinstance(raw, bytes | str) else json.dumps(raw))
        else:
            shape = boundaries.merged_area(source["boundaries"])
    except (geometry.AreaError, boundaries.BoundaryError):
        return None
    data = area_form.data.copy()
    data["area_geojson"] = json.dumps(geometry.to_geojson(shape))
    data["area_changed"] = "on"
    area_form.data = data
    return geometry.outside_part(shape)


def area_map_text() -> dict:
    """The words of the area map in the reader's language: its own buttons and Leaflet.draw's tool labels
    (the draw plugin speaks English only; area-map.js puts these into L.drawLocal)."""
    return {
        "use": _("Use the ticked boundaries as the area"),
        "searching": _("Searching…"),
        "found": _("%(n)s places found"),
        "none": _("No province, district or subdistrict has that name."),
        "noShape": _("no boundary on this map: choose its province, then edit"),
        "province": _("province"),
        "district": _("district"),
        "subdistrict": _("subdistrict"),
        "code": _("DOPA code"),
        "fromBoundaries": _("Area from the chosen boundaries: %(km2)s km². Edit it if needed, then save."),
        "drawnNotSaved": _("The area was changed on the map and is not saved yet."),
        "outside": _("The part outside Thailand"),
        "useThis": _("Use as the area"),
        "show": _("Show on the map"),
        "addThis": _("Add to the area"),
        "attribution": _("Boundaries: Natural Earth (public domain); names and codes: GeoThai (CC BY 4.0)"),
        "draw": {
            "polygon": _("Draw the area (a polygon)"),
            "rectangle": _("Draw a rectangle"),
            "finish": _("Finish"),
            "finishTitle": _("Finish drawing"),
            "undo": _("Delete last point"),
            "undoTitle": _("Delete the last point drawn"),
            "cancel": _("Cancel"),
            "cancelTitle": _("Cancel drawing"),
            "start": _("Click to start drawing the area."),
            "cont": _("Click to continue drawing the area."),
            "end": _("Click the first point to close this shape."),
            "rectStart": _("Click and drag to draw a rectangle."),
            "release": _("Release the mouse to finish drawing."),
            "intersect": _("Error: the edges of the shape cannot cross!"),
            "edit": _("Edit the area"),
            "editDisabled": _("No area to edit"),
            "remove": _("Delete the area"),
            "removeDisabled": _("No area to delete"),
            "save": _("Save"),
            "saveTitle": _("Keep the changes"),
            "cancelEditTitle": _("Cancel editing, discard all changes"),
            "clearAll": _("Clear all"),
            "clearAllTitle": _("Clear all shapes"),
            "editText": _("Drag the handles or markers to edit the shape."),
            "editSubtext": _("Click Cancel to undo the changes."),
            "removeText": _("Click a shape to remove it."),
        },
    }
