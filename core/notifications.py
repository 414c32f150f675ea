from .models import Notification


def notify(user, text: str, link: str = "") -> Notification | None:
    if user is None or not getattr(user, "pk", None):
        return None
    return Notification.objects.create(recipient=user, text=text[:500], link=link[:500])
