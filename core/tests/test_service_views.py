"""ServiceFormView: the one shape of a page whose form is one service call, and add_refusal, the one
way a service's refusal lands on a form."""

import json

import pytest
from django import forms
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.test import RequestFactory

from core.views import ServiceFormView, add_refusal


class AmountForm(forms.Form):
    amount = forms.IntegerField(min_value=1)


def test_a_refusal_naming_a_form_field_lands_on_that_field():
    form = AmountForm({"amount": "5"})
    assert form.is_valid()
    add_refusal(form, ValidationError({"amount": "太多。Too much."}))
    assert form.errors == {"amount": ["太多。Too much."]}


def test_a_refusal_naming_a_field_the_form_lacks_lands_above_the_form():
    form = AmountForm({"amount": "5"})
    assert form.is_valid()
    add_refusal(form, ValidationError({"ends_on": "结束日期须晚于开始日期。"}))
    assert form.non_field_errors() == ["结束日期须晚于开始日期。"]


def test_a_plain_refusal_lands_above_the_form():
    form = AmountForm({"amount": "5"})
    assert form.is_valid()
    add_refusal(form, ValidationError("项目当前状态不能申请变更。"))
    assert form.non_field_errors() == ["项目当前状态不能申请变更。"]


class LedgerView(ServiceFormView):
    """A service that records amounts; 13 is refused by the service, 99 by the permission check."""

    form_class = AmountForm
    success_message = "已记录。Recorded."
    recorded: list[int]

    def get_object(self, request, pk=None):
        if pk == 99:
            raise PermissionDenied
        return {"pk": pk}

    def get_initial(self, request, obj) -> dict:
        return {"amount": 1}

    def run(self, request, obj, form):
        if form.cleaned_data["amount"] == 13:
            raise ValidationError({"amount": "不吉利。Unlucky.", "ledger": "账本已满。Full."})
        self.recorded.append(form.cleaned_data["amount"])

    def next_url(self, obj, result) -> str:
        return f"/ledger/{obj['pk']}/"

    def render_page(self, request, obj, form, status: int = 200):
        return JsonResponse({"errors": form.errors, "initial": form.initial}, status=status)


@pytest.fixture
def call():
    recorded: list[int] = []

    def send(method: str, pk: int = 1, data=None):
        request = getattr(RequestFactory(), method)(f"/ledger/{pk}/", data or {})
        request.user = AnonymousUser()
        request._messages = CookieStorage(request)
        view = LedgerView()
        view.recorded = recorded
        view.setup(request, pk=pk)
        return view.post(request, pk) if method == "post" else view.get(request, pk), request

    send.recorded = recorded
    return send


def test_get_shows_the_form_with_its_initial_values(call):
    response, _ = call("get")
    assert response.status_code == 200 and json.loads(response.content)["initial"] == {"amount": 1}


def test_a_valid_post_calls_the_service_once_and_redirects_with_the_message(call):
    response, request = call("post", data={"amount": "7"})
    assert response.status_code == 302 and response.url == "/ledger/1/"
    assert call.recorded == [7]
    assert [str(m) for m in get_messages(request)] == ["已记录。Recorded."]


def test_an_invalid_form_shows_the_page_again_with_400_and_calls_nothing(call):
    response, request = call("post", data={"amount": "0"})
    assert response.status_code == 400 and "amount" in json.loads(response.content)["errors"]
    assert call.recorded == [] and not list(get_messages(request))


def test_a_refused_call_shows_the_page_again_with_the_errors_where_they_belong(call):
    response, request = call("post", data={"amount": "13"})
    errors = json.loads(response.content)["errors"]
    assert response.status_code == 400
    assert errors == {"amount": ["不吉利。Unlucky."], "__all__": ["账本已满。Full."]}
    assert call.recorded == [] and not list(get_messages(request))


def test_who_may_not_open_the_page_may_not_post_to_it(call):
    with pytest.raises(PermissionDenied):
        call("post", pk=99, data={"amount": "7"})
    assert call.recorded == []
