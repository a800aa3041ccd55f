"""Every model, re-exported so Tortoise loads one module ("models")."""

from models.agents import Agent
from models.api_keys import ApiKey
from models.auth import RevokedToken
from models.events import OutboxEvent
from models.roles import Role
from models.super_admin import SuperAdmin
from models.tenants import Tenant

__all__ = ["Agent", "ApiKey", "OutboxEvent", "RevokedToken", "Role", "SuperAdmin", "Tenant"]
