from core.url_matrix import Row

INS, BL, T, B, U = ("instruments.Instrument", "instruments.Blackout", "instruments.Training", "instruments.Booking",
                  "instruments.Usage")
ROWS = [
    Row("instruments:index"),
    Row("instruments:search"), Row("instruments:statistics"), Row("instruments:evaluation"),
    Row("instruments:statements"),
    Row("instruments:book", pk=INS), Row("instruments:calendar", pk=INS), Row("instruments:ics", pk=INS),
    Row("instruments:record_use", pk=B),
    Row("instruments:photo_add", pk=INS), Row("instruments:photo", pk=INS, photo_pk="core.Attachment"),
    Row("instruments:photo_delete", pk=INS, photo_pk="core.Attachment"),
    Row("instruments:booking_action", pk=B, name="approve"),
    Row("instruments-instrument-list"), Row("instruments-instrument-detail", pk=INS),
    Row("instruments-instrument-bookings", pk=INS),
    Row("instruments-booking-do", pk=B, name="approve"),
]
for slug, model in (("instrument", INS), ("blackout", BL), ("training", T), ("booking", B), ("usage", U)):
    ROWS += [Row(f"instruments:{slug}_list"), Row(f"instruments:{slug}_add"),
             Row(f"instruments:{slug}_detail", pk=model), Row(f"instruments:{slug}_edit", pk=model)]
    if slug != "instrument":  # the instrument API is its own viewset, listed above
        ROWS += [Row(f"instruments-{slug}-list"), Row(f"instruments-{slug}-detail", pk=model)]
for slug, model in (("instrument", INS), ("blackout", BL), ("training", T)):
    ROWS.append(Row(f"instruments:{slug}_delete", pk=model))
ROWS.append(Row("instruments:instrument_import"))
for slug, model in (("literature", "instruments.LiteratureResource"), ("literature_use", "instruments.LiteratureUse")):
    ROWS += [Row(f"instruments:{slug}_list"), Row(f"instruments:{slug}_add"), Row(f"instruments:{slug}_import"),
             Row(f"instruments:{slug}_detail", pk=model), Row(f"instruments:{slug}_edit", pk=model),
             Row(f"instruments:{slug}_delete", pk=model),
             Row(f"instruments-{slug}-list"), Row(f"instruments-{slug}-detail", pk=model)]


def build(users, org_in, org_out, pi_out) -> None:
    """An instrument of organisation "in" open in the network, one of "out" kept out of it (so
    outside everyone's reach but the bureau's), each with a blackout, a training, a booking used
    and recorded, and a photo record (its file absent: the image page answers 404, never 5xx)."""
    import datetime as dt

    from django.contrib.contenttypes.models import ContentType

    from accounts.roles import Role
    from core.models import Attachment
    from instruments.models import Blackout, Booking, Instrument, LiteratureResource, LiteratureUse, Training, Usage
    from instruments.services import PHOTO
    from instruments.tests.conftest import BEIJING, make_instrument

    start = dt.datetime(2026, 5, 4, 9, 0, tzinfo=BEIJING)
    pairs = ((org_in, users[Role.APPLICANT], True), (org_out, pi_out, False))
    for org, booker, in_network in pairs:
        instrument = make_instrument(org, name=f"矩阵仪器{org.pk}", in_network=in_network)
        Blackout.objects.create(instrument=instrument, start=start, end=start + dt.timedelta(days=1), reason="校准")
        Training.objects.create(instrument=instrument, user=booker, trained_on=dt.date(2026, 1, 5))
        booking = Booking.objects.create(
            instrument=instrument, user=booker, organisation=org, start=start - dt.timedelta(days=7),
            end=start - dt.timedelta(days=7, hours=-2), purpose="矩阵测试", price_group="internal", status="used")
        Usage.objects.create(booking=booking, hours=2, samples=3, operator="王工", rate=100, fee=200)
        Attachment.objects.create(
            content_type=ContentType.objects.get_for_model(Instrument), object_id=str(instrument.pk), purpose=PHOTO,
            file="attachments/matrix/absent.png", original_name="照片.png", kind="png", size=1)
    resource = LiteratureResource.objects.create(
        name="矩阵期刊数据库", provider=org_in, kind="journal", access_mode="ip", opened_on=dt.date(2007, 1, 1))
    resource.covered.set([org_in, org_out])
    LiteratureUse.objects.create(resource=resource, year=2008, users_served=100, searches=500, downloads=300,
                                 organisations_served=10)
