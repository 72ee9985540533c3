from .viewer import viewer_of


def people(request):
    """The logged-in user's organisations, for the page header.

    The organisations come from the request's Viewer (partners/viewer.py), which
    the page's visibility rules read anyway, so they cost no extra query.
    """
    user = getattr(request, "user", None)
    if not (user and user.is_authenticated):
        return {}
    viewer = viewer_of(user)
    return {
        "my_organisations": [m.organisation for m in viewer.memberships],
        "sees_aggregates": viewer.sees_aggregates,
        # The retention queue is for privacy officers, administrators and whoever may direct cases.
        "handles_privacy": bool(viewer.privacy_organisation_ids or viewer.directing_organisation_ids),
    }
