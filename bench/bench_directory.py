"""Organisation list page and API at province scale (50k organisations, 200k people).

    .venv/bin/python bench/bench_directory.py
"""

import json

from common import ensure_province, setup_django, time_requests

setup_django()


def main() -> None:
    from django.test import Client

    from accounts.models import User
    from directory.models import Organisation, Person

    ensure_province("directory", "accounts")
    print(f"# {Organisation.objects.count()} organisations, {Person.objects.count()} people")
    results = []
    for username in ("officer", "county"):
        client = Client()
        client.force_login(User.objects.get(username=username))
        for url in ("/directory/organisations/", "/directory/organisations/?page=100",
                    "/directory/organisations/?q=轴承", "/directory/organisations/?kind=institute&region=410305",
                    "/api/organisations/", "/api/organisations/?q=轴承", "/api/organisations/?page=50"):
            results.append({"user": username, **time_requests(client, url)})
    for row in results:
        print(json.dumps(row, ensure_ascii=False))


if __name__ == "__main__":
    main()
