from django.urls import path

from core.crud import app_index, record_paths

from . import views as v

app_name = "reviews"
urlpatterns = [
    app_index("reviews:invitation_list"),
    *record_paths("experts", "expert", index=v.ExpertListView, add=v.ExpertEditView, detail=v.ExpertDetailView,
                  edit=v.ExpertEditView, action=v.ExpertActionView),
    path("experts/apply/", v.ExpertApplyView.as_view(), name="expert_apply"),
    path("experts/<int:pk>/declare/", v.ExpertDeclareView.as_view(), name="expert_declare"),
    *record_paths("rounds", "round", index=v.RoundListView, add=v.RoundEditView, detail=v.RoundDetailView,
                  edit=v.RoundEditView, action=v.RoundActionView),
    path("rounds/<int:pk>/items/", v.RoundItemsView.as_view(), name="round_items"),
    path("rounds/<int:pk>/exclusions/", v.RoundExclusionsView.as_view(), name="round_exclusions"),
    path("rounds/<int:pk>/assign/", v.RoundAssignView.as_view(), name="round_assign"),
    path("rounds/<int:pk>/clear/", v.RoundClearView.as_view(), name="round_clear"),
    path("rounds/<int:pk>/remind/", v.RoundRemindView.as_view(), name="round_remind"),
    path("runs/<int:pk>/replay/", v.RunReplayView.as_view(), name="run_replay"),
    path("items/<int:pk>/", v.ItemDetailView.as_view(), name="item_detail"),
    path("items/<int:pk>/consensus/", v.ConsensusView.as_view(), name="item_consensus"),
    *record_paths("invitations", "invitation", index=v.InvitationListView, detail=v.InvitationDetailView),
    path("invitations/<int:pk>/respond/", v.InvitationRespondView.as_view(), name="invitation_respond"),
    path("invitations/<int:pk>/score/", v.InvitationScoreView.as_view(), name="invitation_score"),
    path("invitations/<int:pk>/files/<int:n>/", v.InvitationFileView.as_view(), name="invitation_file"),
    path("invitations/<int:pk>/reassign/", v.InvitationReassignView.as_view(), name="invitation_reassign"),
    path("invitations/<int:pk>/conflict/", v.InvitationConflictView.as_view(), name="invitation_conflict"),
    *record_paths("awards", "nomination", index=v.NominationListView, add=v.NominationEditView,
                  detail=v.NominationDetailView, edit=v.NominationEditView, action=v.NominationActionView),
]
