"""Writes of a learner's study settings (created with defaults on first access)."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser

from quizzes.models import LearnerSettings


def learner_settings_get_or_create(*, learner: AbstractBaseUser) -> LearnerSettings:
    settings, _ = LearnerSettings.objects.get_or_create(user=learner)
    return settings


def learner_settings_update(*, learner: AbstractBaseUser, data: dict[str, object]) -> LearnerSettings:
    """Store already-validated settings fields (see quizzes.study.forms.LearnerSettingsForm)."""
    settings = learner_settings_get_or_create(learner=learner)
    for field, value in data.items():
        setattr(settings, field, value)
    settings.full_clean()
    settings.save()
    return settings
