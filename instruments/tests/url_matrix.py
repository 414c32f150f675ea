from core.url_matrix import Row

INS, BL, T, B, U = ("instruments.Instrument", "instruments.Blackout", "instruments.Training", "instruments.Booking",
                  "instruments.Usage")
ROWS = [
    Row("instruments:search"), Row("instruments:statistics"), Row("instruments:evaluation"),
    Row("instruments:statements"),
    Row("instruments:book", pk=INS), Row("instruments:calendar", pk=INS), Row("instruments:ics", pk=INS),
    Row("instruments:record_use", pk=B),
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
