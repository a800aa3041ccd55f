from tests.support.api import add_agent, login


def test_register_login_me(client, admin):
    assert admin.agent["role"] == "admin"
    me = admin.get("/api/auth/me")
    assert me.status_code == 200
    assert me.json()["email"] == admin.agent["email"]
    agent = add_agent(admin)
    assert agent.get("/api/auth/me").json()["role"] == "agent"
    assert login(client, admin.agent["email"], "wrong-password-123").status_code == 401
