"""Demo accounts for a laptop run: one learner, one instructor. Never used in production settings."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group


@dataclass(frozen=True)
class DemoAccount:
    role: str
    username: str
    password: str
    email: str


DEMO_ACCOUNTS = (
    DemoAccount("learner", "learner", "learn-serverless-1", "learner@example.com"),
    DemoAccount("instructor", "instructor", "teach-serverless-1", "instructor@example.com"),
)


def demo_users_ensure() -> tuple[DemoAccount, ...]:
    """Create the demo users if missing and reset their passwords to the documented ones."""
    User = get_user_model()
    instructors, _ = Group.objects.get_or_create(name="instructors")
    for account in DEMO_ACCOUNTS:
        user, _ = User.objects.get_or_create(username=account.username, defaults={"email": account.email})
        user.set_password(account.password)
        user.is_staff = account.role == "instructor"
        user.save()
        if account.role == "instructor":
            user.groups.add(instructors)
    return DEMO_ACCOUNTS
