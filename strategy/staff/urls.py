"""The staff URLs of one object type: list, create, detail, edit, delete (and move)."""

from django.urls import path

from strategy.staff.views import MoveView, StaffCreateView, StaffDeleteView, StaffUpdateView


def crud_urls(
    prefix,
    name,
    *,
    model,
    form_class,
    list_view,
    detail_view,
    create_view=None,
    update_view=None,
    movable=False,
):
    """The staff URLs of one object type (German paths); create, edit and delete are generic."""
    edit = {"model": model, "form_class": form_class}
    back = {"model": model, "success_list": f"{model._meta.app_label}:{name}-list"}
    patterns = [
        path(f"{prefix}/", list_view.as_view(), name=f"{name}-list"),
        path(
            f"{prefix}/neu/",
            (create_view or StaffCreateView).as_view(**edit),
            name=f"{name}-create",
        ),
        path(f"{prefix}/<int:pk>/", detail_view.as_view(), name=f"{name}-detail"),
        path(
            f"{prefix}/<int:pk>/bearbeiten/",
            (update_view or StaffUpdateView).as_view(**edit),
            name=f"{name}-update",
        ),
        path(
            f"{prefix}/<int:pk>/loeschen/", StaffDeleteView.as_view(**back), name=f"{name}-delete"
        ),
    ]
    if movable:
        patterns.append(
            path(f"{prefix}/<int:pk>/verschieben/", MoveView.as_view(**back), name=f"{name}-move")
        )
    return patterns
