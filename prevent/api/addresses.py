"""Webhook receivers must be systems on the internet, never this server's
own network (server-side request forgery): an administrator's typo or a
hostile address must not make the service POST to 127.0.0.1, the cloud
metadata address or a private range.

`literal_address_problem` is the form's check of what was typed (an IP
literal or a local name), with no DNS lookup; `resolved_address_problem`
runs just before each delivery and refuses when any address the name
resolves to is not a global one."""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

NOT_PUBLIC = "Enter the address of a system on the internet, not a local or private network address"
LOCAL_NAMES = ("localhost", "localhost.localdomain", "ip6-localhost")


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").rstrip(".").lower()


def _is_public(address: str) -> bool:
    try:
        return ipaddress.ip_address(address).is_global
    except ValueError:
        return False


def literal_address_problem(url: str) -> str:
    """The message for an address that is plainly local or private, or ""."""
    host = _host(url)
    if not host or host in LOCAL_NAMES or host.endswith((".localhost", ".local", ".internal")):
        return NOT_PUBLIC
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return ""  # a name: resolved before each delivery
    return "" if _is_public(host) else NOT_PUBLIC


def resolved_address_problem(url: str) -> str:
    """The reason not to connect to `url` now, or "" when every address its
    host resolves to is a global one."""
    if problem := literal_address_problem(url):
        return problem
    try:
        infos = socket.getaddrinfo(_host(url), urlsplit(url).port or 443, proto=socket.IPPROTO_TCP)
    except OSError as error:
        return f"The receiver's address could not be looked up ({error})"
    addresses = {str(info[4][0]) for info in infos}
    if not addresses or not all(_is_public(address) for address in addresses):
        return "The receiver's address resolves to a local or private network address"
    return ""
