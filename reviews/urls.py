from django.urls import path

from . import views

app_name = "reviews"
urlpatterns = [
    path("experts/", views.ExpertListView.as_view(), name="expert_list"),
    path("experts/add/", views.ExpertEditView.as_view(), name="expert_add"),
    path("experts/apply/", views.ExpertApplyView.as_view(), name="expert_apply"),
    path("experts/<int:pk>/declare/", views.ExpertDeclareView.as_view(), name="expert_declare"),
    path("experts/<int:pk>/", views.ExpertDetailView.as_view(), name="expert_detail"),
    path("experts/<int:pk>/edit/", views.ExpertEditView.as_view(), name="expert_edit"),
    path("experts/<int:pk>/action/", views.ExpertActionView.as_view(), name="expert_action"),
    path("rounds/", views.RoundListView.as_view(), name="round_list"),
    path("rounds/add/", views.RoundEditView.as_view(), name="round_add"),
    path("rounds/<int:pk>/", views.RoundDetailView.as_view(), name="round_detail"),
    path("rounds/<int:pk>/edit/", views.RoundEditView.as_view(), name="round_edit"),
    path("rounds/<int:pk>/action/", views.RoundActionView.as_view(), name="round_action"),
    path("rounds/<int:pk>/items/", views.RoundItemsView.as_view(), name="round_items"),
    path("rounds/<int:pk>/exclusions/", views.RoundExclusionsView.as_view(), name="round_exclusions"),
    path("rounds/<int:pk>/assign/", views.RoundAssignView.as_view(), name="round_assign"),
    path("rounds/<int:pk>/clear/", views.RoundClearView.as_view(), name="round_clear"),
    path("rounds/<int:pk>/remind/", views.RoundRemindView.as_view(), name="round_remind"),
    path("runs/<int:pk>/replay/", views.RunReplayView.as_view(), name="run_replay"),
    path("items/<int:pk>/", views.ItemDetailView.as_view(), name="item_detail"),
    path("items/<int:pk>/consensus/", views.ConsensusView.as_view(), name="item_consensus"),
    path("invitations/", views.InvitationListView.as_view(), name="invitation_list"),
    path("invitations/<int:pk>/", views.InvitationDetailView.as_view(), name="invitation_detail"),
    path("invitations/<int:pk>/respond/", views.InvitationRespondView.as_view(), name="invitation_respond"),
    path("invitations/<int:pk>/score/", views.InvitationScoreView.as_view(), name="invitation_score"),
    path("invitations/<int:pk>/files/<int:n>/", views.InvitationFileView.as_view(), name="invitation_file"),
    path("invitations/<int:pk>/reassign/", views.InvitationReassignView.as_view(), name="invitation_reassign"),
    path("invitations/<int:pk>/conflict/", views.InvitationConflictView.as_view(), name="invitation_conflict"),
    path("awards/", views.NominationListView.as_view(), name="nomination_list"),
    path("awards/add/", views.NominationEditView.as_view(), name="nomination_add"),
    path("awards/<int:pk>/", views.NominationDetailView.as_view(), name="nomination_detail"),
    path("awards/<int:pk>/edit/", views.NominationEditView.as_view(), name="nomination_edit"),
    path("awards/<int:pk>/action/", views.NominationActionView.as_view(), name="nomination_action"),
]
