"""Admin menu items that say how much waits for the person looking (Wagtail's sidebar draws
`render_component`, so the count goes into the label there)."""

from wagtail.admin.menu import MenuItem


class CountedMenuItem(MenuItem):
    """Shown to people with `permission`; the label ends with "(n)" while n things wait."""

    permission = ""

    def count(self, request) -> int:
        return 0

    def is_shown(self, request):
        return request.user.has_perm(self.permission)

    def render_component(self, request):
        component = super().render_component(request)
        waiting = self.count(request)
        if waiting:
            component.label = f"{self.label} ({waiting})"
        return component
